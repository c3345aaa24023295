package org.imlbench.templates.jinja;

import com.hubspot.jinjava.el.ext.NamedParameter;
import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Resolves attribute access, indexing and method calls on Python values as Jinja2 does: {@code text.strip()},
 * {@code answer.split('####')[-1]}, {@code choices['text']}, {@code doc.label}, {@code items()}. A missing key or
 * attribute is {@link Undefined}, so that using it is an error naming it. Jinjava consults this resolver before its
 * own bean and collection resolvers, which then see only other objects (such as {@code loop}).
 */
final class PyResolver extends ELResolver {
    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base instanceof Undefined u) {
            throw u.error();
        }
        if (base instanceof CharSequence s) {
            context.setPropertyResolved(true);
            Long index = integer(property);
            return index != null ? PyStr.charAt(s.toString(), index) : new Undefined(String.valueOf(property));
        }
        if (base instanceof List<?> list) {
            context.setPropertyResolved(true);
            Long index = integer(property);
            return index != null ? item(list, index) : new Undefined(String.valueOf(property));
        }
        if (base instanceof Map<?, ?> map) {
            context.setPropertyResolved(true);
            Object absent = new Undefined(String.valueOf(property));
            Object value = Py.get(map, property, absent);
            if (value == absent && property instanceof String key) {
                Long index = integer(key);
                if (index != null) {
                    value = Py.get(map, index, absent);
                }
            }
            return value;
        }
        return null;
    }

    static Object item(List<?> list, long index) {
        long i = index < 0 ? index + list.size() : index;
        if (i < 0 || i >= list.size()) {
            throw new PyException((list instanceof PyTuple ? "tuple" : "list") + " index out of range");
        }
        return list.get((int) i);
    }

    /** Jinjava hands indices over as text ("-1"); Python's integer indices, or null for a name. */
    private static Long integer(Object property) {
        if (property instanceof Boolean) {
            return null;
        }
        if (Py.isInt(property)) {
            return ((Number) property).longValue();
        }
        if (property instanceof String s && s.matches("-?\\d{1,18}")) {
            return Long.parseLong(s);
        }
        return null;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (base instanceof Undefined u) {
            throw u.error();
        }
        if (!(base instanceof CharSequence || base instanceof List || base instanceof Map)) {
            return null;
        }
        Args args = Args.of(String.valueOf(method), params);
        Object result;
        if (base instanceof CharSequence s) {
            result = StrMethods.call(s.toString(), args);
        } else if (base instanceof List<?> list) {
            result = listMethod(list, args);
        } else {
            result = dictMethod((Map<?, ?>) base, args);
        }
        context.setPropertyResolved(true);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Object listMethod(List<?> list, Args args) {
        List<Object> items = (List<Object>) list;
        switch (args.name()) {
            case "index" -> {
                Object wanted = args.get(0);
                for (int i = 0; i < items.size(); i++) {
                    if (Py.eq(items.get(i), wanted)) {
                        return (long) i;
                    }
                }
                throw new PyException(Py.repr(wanted) + " is not in list");
            }
            case "count" -> {
                Object wanted = args.get(0);
                return items.stream().filter(x -> Py.eq(x, wanted)).count();
            }
            case "append" -> {
                items.add(args.get(0));
                return null;
            }
            case "extend" -> {
                items.addAll(Py.iterate(args.get(0)));
                return null;
            }
            case "insert" -> {
                long at = Py.toLong(args.get(0), "index");
                int i = (int) Math.max(0, Math.min(items.size(), at < 0 ? at + items.size() : at));
                items.add(i, args.get(1));
                return null;
            }
            case "pop" -> {
                if (items.isEmpty()) {
                    throw new PyException("pop from empty list");
                }
                long at = args.size() > 0 ? Py.toLong(args.get(0), "index") : -1;
                long i = at < 0 ? at + items.size() : at;
                if (i < 0 || i >= items.size()) {
                    throw new PyException("pop index out of range");
                }
                return items.remove((int) i);
            }
            case "remove" -> {
                for (int i = 0; i < items.size(); i++) {
                    if (Py.eq(items.get(i), args.get(0))) {
                        items.remove(i);
                        return null;
                    }
                }
                throw new PyException("list.remove(x): x not in list");
            }
            case "copy" -> {
                return new ArrayList<>(items);
            }
            case "reverse" -> {
                Collections.reverse(items);
                return null;
            }
            default -> throw new PyException("'" + Py.typeName(list) + "' object has no attribute '" + args.name()
                    + "'");
        }
    }

    @SuppressWarnings("unchecked")
    private static Object dictMethod(Map<?, ?> map, Args args) {
        Map<Object, Object> dict = (Map<Object, Object>) map;
        switch (args.name()) {
            case "keys" -> {
                return new PyView("dict_keys", new ArrayList<>(dict.keySet()));
            }
            case "values" -> {
                return new PyView("dict_values", new ArrayList<>(dict.values()));
            }
            case "items" -> {
                List<Object> out = new ArrayList<>();
                dict.forEach((k, v) -> out.add(PyTuple.of(k, v)));
                return new PyView("dict_items", out);
            }
            case "get" -> {
                return Py.get(dict, args.get(0), args.size() > 1 ? args.get(1) : null);
            }
            case "update" -> {
                Map<Object, Object> updates = new LinkedHashMap<>();
                if (args.size() > 0) {
                    Object source = args.get(0);
                    if (source instanceof Map<?, ?> m) {
                        updates.putAll(m);
                    } else {
                        for (Object pair : Py.iterate(source)) {
                            List<Object> kv = Py.iterate(pair);
                            updates.put(kv.get(0), kv.get(1));
                        }
                    }
                }
                updates.putAll(args.keywords());
                updates.forEach((k, v) -> put(dict, k, v));
                return null;
            }
            case "pop" -> {
                Object absent = new Object();
                Object value = Py.get(dict, args.get(0), absent);
                if (value == absent) {
                    if (args.size() > 1) {
                        return args.get(1);
                    }
                    throw new PyException("KeyError: " + Py.repr(args.get(0)));
                }
                dict.keySet().removeIf(k -> Py.eq(k, args.get(0)));
                return value;
            }
            case "setdefault" -> {
                Object absent = new Object();
                Object value = Py.get(dict, args.get(0), absent);
                if (value == absent) {
                    value = args.size() > 1 ? args.get(1) : null;
                    put(dict, args.get(0), value);
                }
                return value;
            }
            case "copy" -> {
                return new LinkedHashMap<>(dict);
            }
            default -> throw new PyException("'dict' object has no attribute '" + args.name() + "'");
        }
    }

    /** Sets a key, replacing an equal (Python ==) key in place so that the dict keeps its order. */
    private static void put(Map<Object, Object> dict, Object key, Object value) {
        for (Object k : dict.keySet()) {
            if (Py.eq(k, key)) {
                dict.put(k, value);
                return;
            }
        }
        dict.put(key, value);
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // assignments go through Jinjava's own resolvers ({% set ns.attr = ... %})
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return false;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return Object.class;
    }

    /**
     * The arguments of a method or filter call: positional ones, and keyword ones ({@code maxsplit=1}), which
     * Jinjava passes as {@link NamedParameter}s.
     *
     * @param name the method's name
     * @param positional the positional arguments
     * @param keywords the keyword arguments, in order
     */
    record Args(String name, List<Object> positional, Map<String, Object> keywords) {
        static Args of(String name, Object[] params) {
            List<Object> positional = new ArrayList<>();
            Map<String, Object> keywords = new LinkedHashMap<>();
            if (params != null) {
                for (Object p : params) {
                    if (p instanceof NamedParameter np) {
                        keywords.put(np.getName(), np.getValue());
                    } else {
                        positional.add(p);
                    }
                }
            }
            return new Args(name, positional, keywords);
        }

        int size() {
            return positional.size();
        }

        Object get(int i) {
            if (i >= positional.size()) {
                throw new PyException(name + "() takes at least " + (i + 1) + " argument(s)");
            }
            return positional.get(i);
        }

        /** @return the argument at {@code i} or named {@code keyword}, else {@code fallback} */
        Object get(int i, String keyword, Object fallback) {
            if (i < positional.size()) {
                return positional.get(i);
            }
            return keywords.getOrDefault(keyword, fallback);
        }

        /** @return the argument as a str, or a TypeError */
        String text(int i, String keyword, String fallback) {
            Object v = get(i, keyword, fallback);
            if (v == null || v instanceof CharSequence) {
                return v == null ? null : v.toString();
            }
            if (v instanceof Undefined u) {
                throw u.error();
            }
            throw new PyException(name + "() argument must be str, not " + Py.typeName(v));
        }
    }
}
