# Least privilege for pnc-pki ca-service on Vault/OpenBao Transit mounted at "transit/".
# Give the service a Transit mount of its own (or this one): it may create keys there.
#
# Allowed:
# - create a key (Transit treats creation as an update of transit/keys/<name>), only as a
#   non-exportable ECDSA P-256 or P-521 key without plaintext backup;
# - read a key's public parts and versions;
# - sign with keys named "pnc-..." (the ceremony names every key so).
# Not allowed, because "+" matches exactly one path segment and nothing else is granted:
# - transit/keys/<name>/config (making a key exportable or deletable), .../rotate, .../trim,
#   .../import*, deleting keys, transit/export, transit/backup, transit/restore.
# An operator rotates or retires keys with an admin token, outside the service.

path "transit/keys/+" {
  capabilities = ["create", "read", "update"]
  allowed_parameters = {
    "type" = ["ecdsa-p256", "ecdsa-p521"]
    "exportable" = [false]
    "allow_plaintext_backup" = [false]
  }
}

path "transit/sign/pnc-*" {
  capabilities = ["update"]
}
