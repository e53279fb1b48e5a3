set -eu
# The sign stage: cosign signs the pushed image by digest with the platform's key, and attests the
# SBOM (CycloneDX) and the gate decision when the earlier stages left them in the reports workspace. The
# key and its password come from a Secret that an ExternalSecret fills from OpenBao; the password
# is read from the environment by cosign and never printed. No transparency log: admission checks
# the signature against the platform's public keys (ADR 0040).
case "$IMAGE" in
  *@sha256:*) ;;
  *) echo "sign: IMAGE must be pinned by digest (name@sha256:...), got: $IMAGE" >&2; exit 1 ;;
esac
# cosign reads registry credentials from $DOCKER_CONFIG/config.json; the robot account's Secret
# holds them as .dockerconfigjson
mkdir -p "$TMPDIR/docker"
cp "$REGISTRY_AUTH_FILE" "$TMPDIR/docker/config.json"
export DOCKER_CONFIG="$TMPDIR/docker"
COSIGN_PASSWORD=$(cat "$KEY_DIR/cosign.password")
export COSIGN_PASSWORD
cosign sign --key "$KEY_DIR/cosign.key" --tlog-upload=false --yes "$IMAGE"
attest() { # $1=predicate file $2=predicate type
  if [ -f "$1" ]; then
    cosign attest --key "$KEY_DIR/cosign.key" --tlog-upload=false --yes \
      --type "$2" --predicate "$1" "$IMAGE"
    echo "sign: attested $2 from $1"
  else
    echo "sign: no $1 in the workspace: no $2 attestation (admission refuses an image whose policy needs it)"
  fi
}
attest "$REPORTS_DIR/$SBOM" cyclonedx
attest "$REPORTS_DIR/$DECISION" "$DECISION_TYPE"
echo "signed $IMAGE"
