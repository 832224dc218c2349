package io.tessera.serving.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.tessera.service.security.Access;
import io.tessera.service.security.BearerCredentials;
import io.tessera.service.security.Refusal;
import io.tessera.service.security.Scope;
import java.util.Optional;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * The same credentials as REST, in a call's metadata: {@code authorization: Bearer <API key or
 * JWT>}. No credential, or one that is not valid, closes the call with {@code UNAUTHENTICATED}; one
 * without the scope with {@code PERMISSION_DENIED}; the description says what to send, as REST's
 * problem+json does. Every {@code FeatureServing} method is a feature read, so one {@link Access}
 * decides them all ({@code tessera.security.serving-reads-open} opens them).
 *
 * <p>Runs on the event loop, like the calls: checking a credential is a hash or a signature check
 * against keys in memory and never blocks ({@link BearerCredentials}).
 */
public final class CredentialsInterceptor implements ServerInterceptor {

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final BearerCredentials credentials;
  private final Access access;

  public CredentialsInterceptor(BearerCredentials credentials, Access access) {
    this.credentials = credentials;
    this.access = access;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (access instanceof Access.Open) {
      return next.startCall(call, headers);
    }
    Optional<Scope> needed = access.needed();
    Authentication caller;
    try {
      Optional<String> credential = BearerCredentials.fromAuthorization(headers.get(AUTHORIZATION));
      if (credential.isEmpty()) {
        throw new InsufficientAuthenticationException("no credential");
      }
      caller = credentials.authenticate(credential.get());
    } catch (AuthenticationException e) {
      return refuse(call, Status.UNAUTHENTICATED, Refusal.unauthenticated(needed, e));
    }
    if (!access.allows(caller)) {
      return refuse(
          call, Status.PERMISSION_DENIED, Refusal.forbidden(caller, needed.orElseThrow()));
    }
    return next.startCall(call, headers);
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(
      ServerCall<Q, R> call, Status status, Refusal refusal) {
    call.close(status.withDescription(refusal.detail()), new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
