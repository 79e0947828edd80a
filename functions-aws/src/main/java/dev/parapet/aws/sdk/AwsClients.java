package dev.parapet.aws.sdk;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import software.amazon.awssdk.endpoints.Endpoint;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * SDK clients for one set of credentials, created on first use and reused (per service and region). Every client
 * shares one small HTTP client and uses the adaptive retry mode, which slows down under throttling.
 * {@link #assumeRole} gives the clients of a member account (hub mode) on the same HTTP client.
 */
public final class AwsClients implements AutoCloseable {
    /** Where the global services (IAM, Organizations) are called. */
    public static final String GLOBAL_REGION = "us-east-1";

    private final AwsCredentialsProvider credentials;
    private final URI endpoint;
    private final SdkHttpClient http;
    private final boolean ownsHttp;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    private AwsClients(AwsCredentialsProvider credentials, URI endpoint, SdkHttpClient http, boolean ownsHttp) {
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.http = http;
        this.ownsHttp = ownsHttp;
    }

    /** The environment's credentials (Lambda role, profile); {@code endpoint} null in AWS, set for an emulator. */
    public static AwsClients create(AwsCredentialsProvider credentials, URI endpoint) {
        return create(credentials, endpoint, UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(30))
                .build());
    }

    /** With a given HTTP client, which these clients then own and close. */
    public static AwsClients create(AwsCredentialsProvider credentials, URI endpoint, SdkHttpClient http) {
        return new AwsClients(credentials != null ? credentials : DefaultCredentialsProvider.builder().build(),
                endpoint, http, true);
    }

    /** Clients acting as {@code roleArn} (a read-only role in a member account), sharing this HTTP client. */
    public AwsClients assumeRole(String roleArn, String externalId, String sessionName) {
        StsClient sts = sts(GLOBAL_REGION);
        StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> {
                    r.roleArn(roleArn).roleSessionName(sessionName).durationSeconds(3600);
                    if (externalId != null && !externalId.isBlank()) {
                        r.externalId(externalId);
                    }
                })
                .build();
        return new AwsClients(provider, endpoint, http, false);
    }

    public URI endpoint() {
        return endpoint;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient> C client(String service, String region, Supplier<C> build) {
        return (C) clients.computeIfAbsent(service + "|" + region, k -> build.get());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder, String region) {
        builder.region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.ADAPTIVE_V2)
                        .apiCallTimeout(Duration.ofMinutes(2))
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, endpoint != null)
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    public S3Client s3(String region) {
        return client("s3", region, () -> configure(S3Client.builder().forcePathStyle(endpoint != null), region));
    }

    public S3ControlClient s3Control(String region) {
        return client("s3control", region, () -> {
            var builder = S3ControlClient.builder();
            if (endpoint != null) {
                // S3 Control's endpoint rules put the account id in front of the host, which an emulator on a
                // loopback address cannot answer: send every request to the overridden endpoint as it is.
                builder.endpointProvider(p -> CompletableFuture.completedFuture(Endpoint.builder().url(endpoint).build()));
            }
            return configure(builder, region);
        });
    }

    public Ec2Client ec2(String region) {
        return client("ec2", region, () -> configure(Ec2Client.builder(), region));
    }

    public IamClient iam() {
        return client("iam", GLOBAL_REGION, () -> configure(IamClient.builder(), GLOBAL_REGION));
    }

    public RdsClient rds(String region) {
        return client("rds", region, () -> configure(RdsClient.builder(), region));
    }

    public KmsClient kms(String region) {
        return client("kms", region, () -> configure(KmsClient.builder(), region));
    }

    public CloudTrailClient cloudTrail(String region) {
        return client("cloudtrail", region, () -> configure(CloudTrailClient.builder(), region));
    }

    public LambdaClient lambda(String region) {
        return client("lambda", region, () -> configure(LambdaClient.builder(), region));
    }

    public ConfigClient config(String region) {
        return client("config", region, () -> configure(ConfigClient.builder(), region));
    }

    public AccessAnalyzerClient accessAnalyzer(String region) {
        return client("accessanalyzer", region, () -> configure(AccessAnalyzerClient.builder(), region));
    }

    public SecurityHubClient securityHub(String region) {
        return client("securityhub", region, () -> configure(SecurityHubClient.builder(), region));
    }

    public GuardDutyClient guardDuty(String region) {
        return client("guardduty", region, () -> configure(GuardDutyClient.builder(), region));
    }

    public StsClient sts(String region) {
        return client("sts", region, () -> configure(StsClient.builder(), region));
    }

    public SqsClient sqs(String region) {
        return client("sqs", region, () -> configure(SqsClient.builder(), region));
    }

    public SecretsManagerClient secretsManager(String region) {
        return client("secretsmanager", region, () -> configure(SecretsManagerClient.builder(), region));
    }

    public DynamoDbClient dynamoDb(String region) {
        return client("dynamodb", region, () -> configure(DynamoDbClient.builder(), region));
    }

    public OrganizationsClient organizations() {
        return client("organizations", GLOBAL_REGION, () -> configure(OrganizationsClient.builder(), GLOBAL_REGION));
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
        if (ownsHttp) {
            http.close();
        }
    }
}
