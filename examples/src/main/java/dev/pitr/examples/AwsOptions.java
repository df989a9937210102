package dev.pitr.examples;

import java.net.URI;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Where the AWS services are: the region and, for DynamoDB Local or an S3-compatible server,
 * endpoints. Credentials come from the SDK's default chain (environment, profile, container or
 * instance role).
 */
final class AwsOptions {
    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region of the table (and of the bucket, unless S3 redirects). "
                    + "Default: the SDK's chain (AWS_REGION, the profile).")
    String region;

    @Option(names = "--dynamodb-endpoint", paramLabel = "URL", converter = EndpointConverter.class,
            description = "DynamoDB endpoint, for example http://127.0.0.1:8000 for DynamoDB Local.")
    URI dynamoDbEndpoint;

    @Option(names = "--s3-endpoint", paramLabel = "URL", converter = EndpointConverter.class,
            description = "S3 endpoint of an S3-compatible server (path-style addressing is used).")
    URI s3Endpoint;

    /** The region given on the command line, or {@code null} for the SDK's chain. */
    public String region() {
        return region;
    }

    /** The DynamoDB endpoint, or {@code null} for AWS's. */
    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /** The S3 endpoint, or {@code null} for AWS's. */
    public URI s3Endpoint() {
        return s3Endpoint;
    }

    /** Parses an endpoint: an absolute {@code http} or {@code https} URL with a host. */
    public static final class EndpointConverter implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            URI uri;
            try {
                uri = URI.create(value.trim());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a URL: " + e.getMessage());
            }
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw new TypeConversionException("'" + value + "' is not an http:// or https:// URL with a host");
            }
            return uri;
        }
    }
}
