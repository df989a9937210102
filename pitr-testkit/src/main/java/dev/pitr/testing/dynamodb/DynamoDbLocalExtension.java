package dev.pitr.testing.dynamodb;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link DynamoDbLocal} shared by the whole test run: started on first use, stopped
 * when the run ends. Register with {@code @ExtendWith(DynamoDbLocalExtension.class)} and take a
 * {@code DynamoDbLocal} parameter in a constructor, a {@code @BeforeAll} or a test method.
 */
public final class DynamoDbLocalExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DynamoDbLocalExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DynamoDbLocal.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    /** The run's server, started on first call. */
    public static DynamoDbLocal shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent("server", key -> DynamoDbLocal.start(), DynamoDbLocal.class);
    }
}
