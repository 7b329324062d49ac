package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pncpki.bridge.audit.AdminAudit;
import dev.pncpki.bridge.authority.CaDirectory;
import dev.pncpki.bridge.campaign.CampaignRunner;
import dev.pncpki.bridge.campaign.CampaignStore;
import dev.pncpki.bridge.logs.LogRetrieval;
import dev.pncpki.bridge.logs.LogStore;
import dev.pncpki.bridge.logs.LogUploadResource;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.outbox.Outbox;
import dev.pncpki.bridge.security.PasswordRotation;
import dev.pncpki.bridge.security.ProfileUpgrade;
import dev.pncpki.bridge.station.Registration;
import dev.pncpki.bridge.station.StationRegistry;
import dev.pncpki.bridge.station.StationVersions;
import dev.pncpki.bridge.store.AdminEvents;
import dev.pncpki.bridge.store.FleetHealth;
import dev.pncpki.bridge.store.OcspFreshness;
import dev.pncpki.bridge.store.Presence;
import dev.pncpki.bridge.store.Renewals;
import dev.pncpki.bridge.store.SecurityEvents;
import dev.pncpki.bridge.store.StationCertificates;
import dev.pncpki.bridge.store.StationInfo;
import dev.pncpki.bridge.trust.V2gRootPins;
import dev.pncpki.bridge.trust.V2gRootPolicy;
import dev.pncpki.bridge.truststore.TrustStoreChecks;
import dev.pncpki.bridge.truststore.TrustStoreSettings;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The bridge's admin API ({@code /v1/...}, bearer tokens, problem+json, its OpenAPI document at
 * {@code /openapi.yaml}), put together from the parts it reads and drives.
 */
public final class AdminApi {
  /** What the API reads and drives. */
  public record Parts(
      StationRegistry registry,
      Registration registration,
      StationVersions versions,
      PasswordRotation passwords,
      ProfileUpgrade upgrades,
      LogRetrieval logs,
      LogStore logStore,
      Presence presence,
      StationInfo info,
      Outbox outbox,
      MessageSchemas schemas,
      StationCertificates certificates,
      SecurityEvents events,
      Renewals renewals,
      OcspFreshness ocsp,
      AdminEvents audit,
      FleetHealth health,
      CampaignStore campaigns,
      CampaignRunner runner,
      CaDirectory cas,
      Supplier<ArrayNode> alerts,
      IntFunction<ArrayNode> alertHistory,
      Duration renewalWindow,
      V2gRootPins rootPins,
      V2gRootPolicy rootPolicy,
      TrustStoreChecks trustStores,
      TrustStoreSettings trustStoreSettings) {}

  private AdminApi() {}

  public static void register(
      JerseyEnvironment jersey, List<AdminAuthentication.Token> tokens, Parts p) {
    jersey.register(new AdminAuthentication(tokens));
    jersey.register(new UnknownParameters());
    ProblemMappers.all().forEach(jersey::register);
    AdminAudit audit = p.audit();
    var views =
        new StationViews(
            new StationViews.Sources(
                p.registry(), p.presence(), p.info(), p.certificates(), p.renewals(), p.ocsp()));
    var recent = new Views.Recent(p.outbox(), p.events());
    var calls = new StationCalls(p.registry(), p.versions(), p.outbox(), p.schemas(), audit);
    jersey.register(new StationsResource(p.registration(), views));
    jersey.register(new StationResource(p.registration(), views, recent, calls, p.certificates()));
    jersey.register(new PasswordResource(p.passwords(), calls));
    jersey.register(new TrustStoreResource(p.trustStores(), p.trustStoreSettings()));
    jersey.register(new V2gRootResource(p.registry(), p.rootPins(), p.rootPolicy(), audit));
    jersey.register(new SecurityProfileResource(p.upgrades(), calls));
    jersey.register(new StationLogResource(p.logs(), p.logStore(), p.registration(), calls));
    jersey.register(new LogResource(p.logStore()));
    jersey.register(new LogUploadResource(p.logStore()));
    jersey.register(new DeliveryResource(p.outbox(), p.events(), audit));
    jersey.register(
        new FleetResource(
            p.health(), p.campaigns(), p.alerts(), p.alertHistory(), p.renewalWindow()));
    jersey.register(
        new CampaignResource(
            p.campaigns(),
            p.runner(),
            p.registry(),
            p.versions(),
            p.schemas(),
            audit,
            new RevokedCaSelection(p.cas(), p.certificates())));
    jersey.register(new AuditResource(p.audit()));
    jersey.register(new OpenApiResource());
  }
}
