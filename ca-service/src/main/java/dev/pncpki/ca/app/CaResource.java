package dev.pncpki.ca.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** {@code /v1/cas}: the certificates of the hierarchy and each one's chain up to its root, PEM. */
@Path("/v1/cas")
public final class CaResource {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,58}");
  private final java.nio.file.Path directory;

  CaResource(java.nio.file.Path directory) {
    this.directory = directory;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public JsonNode list() {
    return manifest().path("certificates");
  }

  @GET
  @Path("/{id}/chain")
  @Produces("application/pem-certificate-chain")
  public String chain(@PathParam("id") String id) {
    if (!ID.matcher(id).matches()) {
      throw new NotFoundException("no CA " + id);
    }
    List<String> pems = new ArrayList<>();
    String current = id;
    while (current != null) {
      JsonNode entry = entry(current);
      pems.add(read(entry.path("certificate").asText()));
      current = entry.path("issuer").isNull() ? null : entry.path("issuer").asText(null);
    }
    return String.join("", pems);
  }

  private JsonNode entry(String id) {
    for (JsonNode e : manifest().path("certificates")) {
      if (e.path("id").asText().equals(id)) {
        return e;
      }
    }
    throw new NotFoundException("no CA " + id);
  }

  private JsonNode manifest() {
    try {
      return new ObjectMapper().readTree(directory.resolve("hierarchy.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String read(String file) {
    try {
      return Files.readString(directory.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
