package org.operatefirst.anonymizer.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds fields a typed model did not recognise. The fabric8 and Strimzi models keep unknown YAML fields in
 * {@code additionalProperties} instead of failing, so a misspelt {@code readOnlyRootFileSystem} would parse
 * silently; this walks the model and reports every such field with its path.
 */
final class UnknownFields {

    private static final int MAX_DEPTH = 64;

    private UnknownFields() {
    }

    /**
     * Every unknown field under a model object.
     *
     * @param model a parsed fabric8 or Strimzi object
     * @return paths such as {@code spec.template.spec.securityContext.runAsNonroot}, empty if none
     */
    static List<String> of(final Object model) {
        final Set<String> found = new LinkedHashSet<>();
        walk(model, "", found, 0);
        return List.copyOf(found);
    }

    private static void walk(final Object value, final String path, final Set<String> found, final int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (final Object item : items) {
                walk(item, path + "[" + index++ + "]", found, depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (final Map.Entry<?, ?> entry : map.entrySet()) {
                walk(entry.getValue(), path + "." + entry.getKey(), found, depth + 1);
            }
            return;
        }
        if (!isModel(value.getClass())) {
            return;
        }
        for (final Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || getter.isBridge() || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            final String name = getter.getName();
            if (!name.startsWith("get") || name.equals("getClass")) {
                continue;
            }
            final Object property = invoke(getter, value);
            if (name.equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(key -> found.add(path.isEmpty() ? key.toString() : path + "." + key));
                }
                continue;
            }
            final String child = decapitalize(name.substring(3));
            walk(property, path.isEmpty() ? child : path + "." + child, found, depth + 1);
        }
    }

    private static boolean isModel(final Class<?> type) {
        final String name = type.getName();
        return !type.isEnum() && (name.startsWith("io.fabric8.") || name.startsWith("io.strimzi."));
    }

    private static Object invoke(final Method getter, final Object target) {
        try {
            return getter.invoke(target);
        } catch (final IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    private static String decapitalize(final String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
