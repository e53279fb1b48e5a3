set -eu
# The build-push stage: Buildah builds the Dockerfile without a daemon and pushes the image; the
# pipeline hands on the pushed digest, never the tag. vfs storage and chroot isolation need
# neither overlay mounts nor a container runtime inside the build container.
cd "$SOURCE_DIR/$CONTEXT"
buildah --storage-driver vfs bud --isolation chroot --layers=false \
  --file "$DOCKERFILE" --tag "$IMAGE" .
# DESTINATION defaults to the registry; another transport (oci:<dir>) serves air-gapped mirrors.
buildah --storage-driver vfs push --digestfile "$TMPDIR/digest" "$IMAGE" "${DESTINATION:-docker://$IMAGE}"
digest=$(cat "$TMPDIR/digest")
case "$digest" in
  sha256:*) ;;
  *) echo "build-push: buildah reported no sha256 digest: $digest" >&2; exit 1 ;;
esac
printf '%s' "$digest" > "$DIGEST_RESULT"
printf '%s@%s' "${IMAGE%:*}" "$digest" > "$IMAGE_RESULT"
echo "pushed ${IMAGE%:*}@$digest"
