package io.tessera.registryclient;

/**
 * Told about every change to the registry, on the client's polling thread, right after the new
 * snapshot is in place. Keep it quick: hand work to another thread. A listener added before {@link
 * RegistryClient#start()} also hears the history replayed from the beginning of the topic; one
 * added after {@link RegistryClient#awaitCaughtUp} hears only what is new.
 */
public interface RegistryListener {

  /** A version the snapshot did not have; {@code snapshot} already contains it. */
  default void onVersion(RegisteredDefinition<?> version, RegistrySnapshot snapshot) {}

  /** A deletion that deletes versions the snapshot still had live. */
  default void onDeletion(DeletionRecord deletion, RegistrySnapshot snapshot) {}
}
