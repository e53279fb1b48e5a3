set -eu
# syft reads registry credentials from $DOCKER_CONFIG/config.json; the robot account's Secret holds
# them as .dockerconfigjson. The copy lives in the step's home, an emptyDir of this pod only.
mkdir -p "$HOME/.docker"
cp "$REGISTRY_AUTH_FILE" "$HOME/.docker/config.json"
chmod 600 "$HOME/.docker/config.json"
