set -eu
# The chart comes from a Helm repository (CHART_REPO set) or is an OCI reference (CHART_REPO empty).
if [ -n "${CHART_REPO:-}" ]; then
  set -- --repo "$CHART_REPO"
else
  set --
fi
helm upgrade --install "$RELEASE" "$CHART" "$@" --version "$CHART_VERSION" \
  --namespace "$RELEASE_NAMESPACE" --values "$CONFIG_DIR"/values.yaml --wait --timeout 10m
