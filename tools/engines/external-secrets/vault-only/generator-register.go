// Replaces external-secrets' pkg/generator/register/register.go in the build (go build -overlay):
// only the generators that need no cloud SDK (Vault's dynamic secrets, passwords).
package register

import (
	_ "github.com/external-secrets/external-secrets/pkg/generator/password"
	_ "github.com/external-secrets/external-secrets/pkg/generator/vault"
)
