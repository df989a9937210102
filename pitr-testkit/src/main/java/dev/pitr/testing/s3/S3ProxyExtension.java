package dev.pitr.testing.s3;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link S3ProxyServer} shared by the whole test run: started on first use, stopped
 * when the run ends. Register with {@code @ExtendWith(S3ProxyExtension.class)} and take an
 * {@code S3ProxyServer} parameter in a constructor, a {@code @BeforeAll} or a test method.
 */
public final class S3ProxyExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(S3ProxyExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3ProxyServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    /** The run's server, started on first call. */
    public static S3ProxyServer shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent("server", key -> S3ProxyServer.start(), S3ProxyServer.class);
    }
}
