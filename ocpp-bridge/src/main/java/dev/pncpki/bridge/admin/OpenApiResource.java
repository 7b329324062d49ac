package dev.pncpki.bridge.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /openapi.yaml}: the admin API's OpenAPI 3 document (no credential needed). */
@Path("/openapi.yaml")
public final class OpenApiResource {
  private final byte[] document;

  OpenApiResource() {
    try (InputStream in = OpenApiResource.class.getResourceAsStream("/bridge-openapi.yaml")) {
      this.document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("the OpenAPI document is missing from the jar", e);
    }
  }

  @GET
  @Produces("application/yaml")
  public byte[] document() {
    return document.clone();
  }
}
