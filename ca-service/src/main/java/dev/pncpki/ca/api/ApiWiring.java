package dev.pncpki.ca.api;

import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.audit.AuditVerification;
import dev.pncpki.ca.auth.ApiToken;
import dev.pncpki.ca.auth.AuthenticationFilter;
import dev.pncpki.ca.auth.ClientCertificate;
import dev.pncpki.ca.contract.ContractModule;
import dev.pncpki.ca.issuance.CertificateAuthority;
import dev.pncpki.ca.issuance.CertificateRecords;
import dev.pncpki.ca.issuance.Hierarchy;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.time.Clock;
import java.util.List;

/** Registers the REST API: filters, error mappers and resources. */
public final class ApiWiring {
  private ApiWiring() {}

  public static void register(
      JerseyEnvironment jersey,
      List<ApiToken> tokens,
      List<ClientCertificate> clientCertificates,
      int maxRequestBytes,
      AuditLog audit,
      AuditVerification verification,
      CertificateAuthority authority,
      CertificateRecords records,
      ContractModule contracts,
      Hierarchy hierarchy,
      java.util.Optional<dev.pncpki.ca.installation.Iso15118Service> installations,
      Clock clock) {
    jersey.register(new BodyLimitFilter(maxRequestBytes));
    jersey.register(new AuthenticationFilter(tokens, clientCertificates));
    jersey.register(new UnknownQueryParameterFilter());
    jersey.register(new RefusalAudit(audit));
    jersey.register(new RefusedExceptionMapper());
    jersey.register(new InfrastructureExceptionMappers.Database());
    jersey.register(new InfrastructureExceptionMappers.Store());
    jersey.register(new InfrastructureExceptionMappers.KeyBackend());
    jersey.register(new InfrastructureExceptionMappers.Json());
    jersey.register(new InfrastructureExceptionMappers.Web());
    jersey.register(new InfrastructureExceptionMappers.Unexpected());
    jersey.register(new InfrastructureExceptionMappers.UnexpectedState());
    jersey.register(new CertificateResource(authority, records));
    jersey.register(new AuditResource(audit, verification));
    jersey.register(new TrustAnchorResource(contracts.trustAnchors()));
    jersey.register(new ProvisioningResource(contracts.provisioning()));
    jersey.register(new ContractResource(contracts.contracts(), hierarchy, clock));
    jersey.register(new InstallationResource(installations));
    jersey.register(new OpenApiResource());
  }
}
