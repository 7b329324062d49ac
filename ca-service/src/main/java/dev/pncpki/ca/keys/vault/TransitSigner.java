package dev.pncpki.ca.keys.vault;

import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.keys.KeyHandle;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonArray;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** One Transit sign call for a batch of digests under one pinned key version. */
final class TransitSigner {
  private final VaultSession vault;
  private final String mount;
  private final BiFunction<String, VaultException, KeyBackendException> failure;

  TransitSigner(
      VaultSession vault,
      String mount,
      BiFunction<String, VaultException, KeyBackendException> failure) {
    this.vault = vault;
    this.mount = mount;
    this.failure = failure;
  }

  /** Signs every digest; element i of the result is the signature of digest i, or an error. */
  List<Result> sign(KeyHandle key, List<byte[]> digests) {
    JsonArray batch = Json.array().asArray();
    for (byte[] digest : digests) {
      batch.add(Json.object().add("input", Base64.getEncoder().encodeToString(digest)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("batch_input", batch);
    body.put("prehashed", Boolean.TRUE);
    body.put("marshaling_algorithm", "asn1");
    body.put("key_version", key.version());
    String hash =
        key.algorithm().digestName().orElseThrow().equals("SHA-512") ? "sha2-512" : "sha2-256";
    String path = mount + "/sign/" + key.name() + "/" + hash;
    String operation = "sign with Transit key " + key.reference();
    JsonArray results;
    try {
      var response = vault.execute(v -> v.logical().write(path, body));
      int status = response.getRestResponse().getStatus();
      if (status / 100 != 2) {
        throw new VaultException(
            new String(response.getRestResponse().getBody(), StandardCharsets.UTF_8), status);
      }
      results = response.getDataObject().get("batch_results").asArray();
    } catch (VaultException e) {
      throw failure.apply(operation, e);
    }
    List<Result> out = new ArrayList<>(digests.size());
    for (JsonValue value : results) {
      JsonObject result = value.asObject();
      String signature = result.getString("signature", null);
      out.add(
          signature == null
              ? new Result(null, result.getString("error", "no signature returned"))
              : new Result(decode(key, signature), null));
    }
    if (out.size() != digests.size()) {
      throw new KeyBackendException(
          "Transit returned " + out.size() + " signatures for " + digests.size() + " digests");
    }
    return out;
  }

  /** Transit answers "vault:v<version>:<base64 DER>"; the version must be the pinned one. */
  private static byte[] decode(KeyHandle key, String signature) {
    String prefix = "vault:v" + key.version() + ":";
    if (!signature.startsWith(prefix)) {
      throw new KeyBackendException(
          "Transit signed with another version than "
              + key.reference()
              + ": "
              + signature.split(":")[1]);
    }
    return Base64.getDecoder().decode(signature.substring(prefix.length()));
  }

  record Result(byte[] signature, String error) {}
}
