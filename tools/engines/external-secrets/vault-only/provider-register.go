// Replaces external-secrets' pkg/provider/register/register.go in the build (go build -overlay):
// the controller registers only the Vault provider, which also serves OpenBao, so the build does
// not compile every cloud provider's SDK. Newer releases select providers with build tags instead.
package register

import (
	_ "github.com/external-secrets/external-secrets/pkg/provider/vault"
)
