/**
 * The Helm chart rendered as {@code helm install} would (helm-java runs Helm's own code, values
 * schema included, without a helm binary), every manifest parsed into the Kubernetes API's model
 * classes (fabric8) with no field left unknown.
 */
package io.tessera.deployment.helm;
