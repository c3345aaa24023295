package org.imlbench.templates.yaml;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imlbench.api.TaskLoadException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.ConstructorException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the YAML of lm-evaluation-harness and PromptSource as PyYAML does (YAML 1.1 scalars: {@code yes}, {@code on}
 * and {@code 1.0} are what Python sees), with their custom tags: {@code !function x.y} becomes a {@link FunctionRef}
 * (so that one task can be refused without failing the folder), PromptSource's {@code !Template} and
 * {@code !TemplateMetadata} become plain mappings. Integers are {@link Long} (or {@link BigInteger}), maps keep their
 * order.
 */
public final class YamlFiles {
    /**
     * The fewest values every document may expand to. Without aliases a document holds fewer values than
     * characters; aliases (PyYAML's {@code &a} ... {@code *a}) may repeat a value, and nested ones double it at each
     * level: 30 lines make 2<sup>30</sup> values (the "billion laughs"), so the expansion is refused beyond the
     * file's length in values or this, whichever is more.
     */
    static final int MIN_EXPANDED_VALUES = 1 << 16;

    private YamlFiles() {
    }

    /**
     * @param file a YAML file
     * @return its document, with values normalized
     * @throws TaskLoadException naming the file and line of a syntax error or an unknown tag
     */
    public static Object read(Path file) throws TaskLoadException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            // the decoder's own message is "Input length = 1"
            throw new TaskLoadException(file.toString(), "not valid UTF-8", e);
        } catch (IOException e) {
            throw new TaskLoadException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
        try {
            return normalized(file, text, parse(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? ""
                    : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
            throw new TaskLoadException(file.toString(), where + "invalid YAML: " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new TaskLoadException(file.toString(), "invalid YAML: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // SnakeYAML checks some input with plain exceptions: a tag such as !c%c fails in Tag's constructor
            throw new TaskLoadException(file.toString(), "invalid YAML: " + e.getMessage(), e);
        }
    }

    /**
     * PyYAML accepts JSON's {@code \/} escape in double-quoted scalars, SnakeYAML does not: on that error, the file is
     * read again with those escapes written as plain slashes.
     */
    private static Object parse(String text) {
        try {
            return yaml().load(text);
        } catch (MarkedYAMLException e) {
            if (e.getProblem() == null || !e.getProblem().contains("unknown escape character /")) {
                throw e;
            }
            return yaml().load(slashesUnescaped(text));
        }
    }

    /** Replaces {@code \/} by {@code /} inside double-quoted scalars (skipping comments and single quotes). */
    static String slashesUnescaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        char quote = 0;
        boolean comment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (comment) {
                comment = c != '\n';
            } else if (quote == '"') {
                if (c == '\\' && i + 1 < text.length()) {
                    char next = text.charAt(++i);
                    if (next != '/') {
                        out.append(c);
                    }
                    c = next;
                } else if (c == '"') {
                    quote = 0;
                }
            } else if (quote == '\'') {
                if (c == '\'') {
                    quote = i + 1 < text.length() && text.charAt(i + 1) == '\'' ? quote : 0;
                    if (quote != 0) {
                        out.append(c);
                        c = text.charAt(++i);
                    }
                }
            } else if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                comment = true;
            } else if (c == '"' || c == '\'') {
                quote = c;
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Reads an lm-evaluation-harness task file with its {@code include}s, as {@code lm_eval.tasks._yaml_loader}
     * does: each included file (relative to the including one, recursively) is read first, its {@code task_list}
     * dropped, and the file's own keys win.
     *
     * @param file a YAML file
     * @return the merged mapping
     * @throws TaskLoadException when a file is unreadable or not a mapping, or the includes form a cycle
     */
    public static Map<String, Object> readWithIncludes(Path file) throws TaskLoadException {
        return readWithIncludes(file, new LinkedHashSet<>());
    }

    private static Map<String, Object> readWithIncludes(Path file, Set<Path> seen) throws TaskLoadException {
        Path key = file.toAbsolutePath().normalize();
        if (!seen.add(key)) {
            throw new TaskLoadException(file.toString(), "include cycle: " + seen);
        }
        Map<String, Object> own = mapping(file, read(file));
        Object includes = own.remove("include");
        if (includes == null) {
            seen.remove(key);
            return own;
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Object include : includes instanceof List<?> list ? list : List.of(includes)) {
            if (!(include instanceof String name)) {
                throw new TaskLoadException(file.toString(), "include must be a file name, found " + include);
            }
            Path included = file.resolveSibling(name);
            if (!Files.isRegularFile(included)) {
                throw new TaskLoadException(file.toString(), "include '" + name + "': no such file " + included);
            }
            Map<String, Object> values = readWithIncludes(included, seen);
            values.remove("task_list");
            merged.putAll(values);
        }
        merged.putAll(own);
        seen.remove(key);
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Path file, Object document) throws TaskLoadException {
        if (!(document instanceof Map)) {
            throw new TaskLoadException(file.toString(), "expected a YAML mapping, found "
                    + (document == null ? "an empty document" : document.getClass().getSimpleName()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> e : ((Map<Object, Object>) document).entrySet()) {
            out.put(String.valueOf(e.getKey()), e.getValue());
        }
        return out;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(256 * 1024 * 1024);
        // PyYAML keeps the last of duplicate keys without a word; so does this (real lm-eval files have some)
        options.setWarnOnDuplicateKeys(false);
        return new Yaml(new Tags(options));
    }

    /**
     * Integers as Long or BigInteger, maps as ordered maps with string-or-value keys, lists as lists: a tree, each
     * alias expanded into a copy of what it names (what every reader of the document walks, as PyYAML's users do).
     *
     * @param file the file, for messages
     * @param text its text, whose length bounds the expansion
     * @param document what SnakeYAML made of the text
     * @throws TaskLoadException when an alias makes a value contain itself, or the expansion exceeds its bound
     */
    private static Object normalized(Path file, String text, Object document) throws TaskLoadException {
        Expansion expansion = new Expansion(file, Math.max(MIN_EXPANDED_VALUES, text.length()));
        return expansion.normalize(document);
    }

    /** One document's expansion: the values made so far, and the collections being copied (for cycles). */
    private static final class Expansion {
        private final Path file;
        private final long maxValues;
        private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());
        private long values;

        Expansion(Path file, long maxValues) {
            this.file = file;
            this.maxValues = maxValues;
        }

        Object normalize(Object value) throws TaskLoadException {
            if (++values > maxValues) {
                throw new TaskLoadException(file.toString(), "invalid YAML: its aliases expand it to more than "
                        + maxValues + " values");
            }
            if (value instanceof Integer i) {
                return i.longValue();
            }
            if (value instanceof BigInteger b) {
                return b.bitLength() < 64 ? (Object) b.longValue() : b;
            }
            if (value instanceof Float f) {
                return f.doubleValue();
            }
            if (!(value instanceof Map || value instanceof List)) {
                return value;
            }
            // SnakeYAML builds an alias of an enclosing collection as the collection itself, a value that contains
            // itself: PyYAML does the same, but no task file can mean it, and walking it never ends
            if (!open.add(value)) {
                throw new TaskLoadException(file.toString(), "invalid YAML: an alias names a collection it is "
                        + "inside of (the value would contain itself)");
            }
            Object out;
            if (value instanceof Map<?, ?> map) {
                Map<Object, Object> copy = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    copy.put(normalize(e.getKey()), normalize(e.getValue()));
                }
                out = copy;
            } else {
                List<?> list = (List<?>) value;
                List<Object> copy = new ArrayList<>(list.size());
                for (Object v : list) {
                    copy.add(normalize(v));
                }
                out = copy;
            }
            open.remove(value);
            return out;
        }
    }

    /** PyYAML's safe constructors plus lm-eval's {@code !function} and PromptSource's template tags. */
    private static final class Tags extends SafeConstructor {
        Tags(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!function"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return new FunctionRef(node instanceof ScalarNode s ? s.getValue() : String.valueOf(node));
                }
            });
            Construct map = new MappingOnly(yamlConstructors.get(Tag.MAP));
            yamlConstructors.put(new Tag("!Template"), map);
            yamlConstructors.put(new Tag("!TemplateMetadata"), map);
        }
    }

    /** A mapping's constructor for a tag that may only mark mappings (SnakeYAML's casts any node it is given). */
    private record MappingOnly(Construct map) implements Construct {
        @Override
        public Object construct(Node node) {
            if (!(node instanceof MappingNode)) {
                throw new TagMisuse(node);
            }
            return map.construct(node);
        }

        @Override
        public void construct2ndStep(Node node, Object object) {
            map.construct2ndStep(node, object);
        }
    }

    /** A tag on the wrong kind of node, where it is: {@link #read} names the line and column. */
    private static final class TagMisuse extends ConstructorException {
        private static final long serialVersionUID = 1L;

        TagMisuse(Node node) {
            super(null, null, "the tag " + node.getTag().getValue() + " marks a mapping, not a "
                    + node.getNodeId().name(), node.getStartMark());
        }
    }
}
