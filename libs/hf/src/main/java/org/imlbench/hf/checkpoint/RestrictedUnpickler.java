package org.imlbench.hf.checkpoint;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pickle reader that builds plain data only. It interprets the opcodes a {@code torch.save}d state_dict uses and
 * delegates every global, call and persistent id to a {@link Policy}, which accepts an allow-list and refuses
 * everything else. It never imports or runs code: there is nothing it could run, and a refused global stops the
 * reading before any value is built from it.
 *
 * <p>Values: Python strings are {@link String}, ints {@link Long} (or {@link BigInteger} when wider), floats
 * {@link Double}, bools {@link Boolean}, None {@code null}, tuples and lists unmodifiable {@link List}, dicts
 * {@link LinkedHashMap}, bytes {@code byte[]}, allowed globals {@link Global}; calls produce whatever the policy
 * returns.
 */
final class RestrictedUnpickler {
    /** A module-level name a pickle refers to, after the policy allowed it. */
    record Global(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    /** Decides which globals exist and what calling them and persistent ids produce. */
    interface Policy {
        /**
         * @param global a global the pickle names
         * @throws IOException when it is not allowed; reading stops
         */
        void check(Global global) throws IOException;

        /**
         * @param callable an allowed global
         * @param args the call's arguments
         * @return the value the call stands for
         * @throws IOException when the call is not allowed or its arguments are wrong
         */
        Object call(Global callable, List<Object> args) throws IOException;

        /**
         * @param pid a persistent id
         * @return the object it refers to
         * @throws IOException when the id is not understood
         */
        Object persistentLoad(Object pid) throws IOException;
    }

    /** Marks the stack position of a MARK opcode. */
    private static final Object MARK = new Object() {
        @Override
        public String toString() {
            return "MARK";
        }
    };

    private final String source;
    private final Policy policy;
    private final ByteBuffer in;
    private final List<Object> stack = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private RestrictedUnpickler(String source, Policy policy, byte[] pickle) {
        this.source = source;
        this.policy = policy;
        this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @param source what is read, for error messages (e.g. the file)
     * @param policy the allow-list
     * @param pickle the pickle bytes
     * @return the unpickled value
     * @throws IOException when the pickle is malformed or refers to anything the policy refuses
     */
    static Object load(String source, Policy policy, byte[] pickle) throws IOException {
        return new RestrictedUnpickler(source, policy, pickle).run();
    }

    private Object run() throws IOException {
        while (true) {
            if (!in.hasRemaining()) {
                throw error("pickle ends without STOP");
            }
            int at = in.position();
            int op = in.get() & 0xff;
            switch (op) {
                case 0x80 -> u8(); // PROTO
                case 0x95 -> need(8).getLong(); // FRAME: framing is only a read-ahead hint
                case '.' -> {
                    Object result = pop();
                    return result;
                }
                case '(' -> stack.add(MARK);
                case '}' -> stack.add(new LinkedHashMap<Object, Object>());
                case ']' -> stack.add(new ArrayList<>());
                case ')' -> stack.add(List.of());
                case 't' -> push(tuple(popMark()));
                case 0x85 -> push(tuple(Collections.singletonList(pop())));
                case 0x86 -> {
                    Object b = pop();
                    Object a = pop();
                    push(tuple(Arrays.asList(a, b)));
                }
                case 0x87 -> {
                    Object c = pop();
                    Object b = pop();
                    Object a = pop();
                    push(tuple(Arrays.asList(a, b, c)));
                }
                case 'l' -> push(new ArrayList<>(popMark()));
                case 'd' -> push(dict(popMark()));
                case 'X' -> push(string(u32()));
                case 0x8c -> push(string(u8()));
                case 0x8d -> push(string(need(8).getLong()));
                case 'C' -> push(bytes(u8()));
                case 'B' -> push(bytes(u32()));
                case 'q' -> memo.put((long) u8(), peek());
                case 'r' -> memo.put(u32(), peek());
                case 0x94 -> memo.put((long) memo.size(), peek());
                case 'h' -> push(memoGet(u8()));
                case 'j' -> push(memoGet(u32()));
                case 'c' -> push(global(line(), line()));
                case 0x93 -> {
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw error("STACK_GLOBAL needs two strings");
                    }
                    push(global(m, n));
                }
                case 'Q' -> push(policy.persistentLoad(pop()));
                case 'R' -> {
                    Object args = pop();
                    Object callable = pop();
                    if (!(callable instanceof Global g) || !(args instanceof List<?> a)) {
                        throw error("REDUCE of a value that is not an allowed global: " + describe(callable));
                    }
                    @SuppressWarnings("unchecked")
                    List<Object> list = (List<Object>) a;
                    push(policy.call(g, list));
                }
                case 's' -> {
                    Object value = pop();
                    Object key = pop();
                    put(mapOnTop("SETITEM"), key, value);
                }
                case 'u' -> {
                    List<Object> items = popMark();
                    Map<Object, Object> map = mapOnTop("SETITEMS");
                    if (items.size() % 2 != 0) {
                        throw error("SETITEMS with an odd number of items");
                    }
                    for (int i = 0; i < items.size(); i += 2) {
                        put(map, items.get(i), items.get(i + 1));
                    }
                }
                case 'a' -> {
                    Object value = pop();
                    listOnTop("APPEND").add(value);
                }
                case 'e' -> {
                    List<Object> items = popMark();
                    listOnTop("APPENDS").addAll(items);
                }
                case 'b' -> {
                    // BUILD sets an object's __dict__; a state_dict OrderedDict carries only '_metadata' there,
                    // which loading weights does not need
                    pop();
                    mapOnTop("BUILD");
                }
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'N' -> push(null);
                case 'J' -> push((long) need(4).getInt());
                case 'K' -> push((long) u8());
                case 'M' -> push((long) (need(2).getShort() & 0xffff));
                case 0x8a -> push(long1(u8()));
                case 'G' -> push(need(8).order(ByteOrder.BIG_ENDIAN).getDouble());
                case '0' -> pop();
                case '1' -> popMark();
                case '2' -> push(peek());
                default -> throw error(String.format("unsupported pickle opcode 0x%02x at byte %d "
                        + "(only state_dict contents are allowed)", op, at));
            }
        }
    }

    private Object global(String module, String name) throws IOException {
        Global g = new Global(module, name);
        policy.check(g);
        return g;
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    private Map<Object, Object> dict(List<Object> items) throws IOException {
        if (items.size() % 2 != 0) {
            throw error("DICT with an odd number of items");
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            put(map, items.get(i), items.get(i + 1));
        }
        return map;
    }

    /**
     * Keys are plain values only: a state_dict's keys are strings, and hashing a list or dict key would follow its
     * contents, without end when a pickle makes it contain itself.
     */
    private void put(Map<Object, Object> map, Object key, Object value) throws IOException {
        if (!(key == null || key instanceof String || key instanceof Long || key instanceof BigInteger
                || key instanceof Double || key instanceof Boolean)) {
            throw error("a dict key is " + describe(key) + "; only strings and numbers are allowed");
        }
        map.put(key, value);
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> mapOnTop(String op) throws IOException {
        Object top = peek();
        if (!(top instanceof LinkedHashMap<?, ?> map)) {
            throw error(op + " on " + describe(top) + ", not a dict");
        }
        return (Map<Object, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private List<Object> listOnTop(String op) throws IOException {
        Object top = peek();
        if (!(top instanceof ArrayList<?> list)) {
            throw error(op + " on " + describe(top) + ", not a list");
        }
        return (List<Object>) list;
    }

    private Object memoGet(long key) throws IOException {
        if (!memo.containsKey(key)) {
            throw error("memo key " + key + " is not defined");
        }
        return memo.get(key);
    }

    private void push(Object value) {
        stack.add(value);
    }

    private Object peek() throws IOException {
        if (stack.isEmpty()) {
            throw error("stack underflow");
        }
        Object top = stack.get(stack.size() - 1);
        if (top == MARK) {
            throw error("unexpected MARK");
        }
        return top;
    }

    private Object pop() throws IOException {
        Object top = peek();
        stack.remove(stack.size() - 1);
        return top;
    }

    private List<Object> popMark() throws IOException {
        for (int i = stack.size() - 1; i >= 0; i--) {
            if (stack.get(i) == MARK) {
                List<Object> items = new ArrayList<>(stack.subList(i + 1, stack.size()));
                stack.subList(i, stack.size()).clear();
                return items;
            }
        }
        throw error("no MARK on the stack");
    }

    private ByteBuffer need(long n) throws IOException {
        if (n < 0 || n > in.remaining()) {
            throw error("truncated pickle: needs " + n + " bytes at byte " + in.position() + ", "
                    + in.remaining() + " left");
        }
        ByteBuffer view = in.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        in.position(in.position() + (int) n);
        return view;
    }

    private int u8() throws IOException {
        return need(1).get() & 0xff;
    }

    private long u32() throws IOException {
        return need(4).getInt() & 0xffffffffL;
    }

    private byte[] bytes(long n) throws IOException {
        // checked against what is left before allocating: a length field may claim gigabytes
        ByteBuffer source = need(n);
        byte[] b = new byte[(int) n];
        source.get(b);
        return b;
    }

    private String string(long n) throws IOException {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        int start = in.position();
        for (int i = start; i < in.limit(); i++) {
            if (in.get(i) == '\n') {
                byte[] b = new byte[i - start];
                in.get(b);
                in.get();
                return new String(b, StandardCharsets.UTF_8);
            }
        }
        throw error("truncated pickle: unterminated GLOBAL at byte " + start);
    }

    private Object long1(int n) throws IOException {
        byte[] le = bytes(n);
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger value = new BigInteger(be);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private IOException error(String problem) {
        return new IOException(source + ": " + problem);
    }

    /**
     * @param value an unpickled value
     * @return a short description that never walks into the value (it may contain itself)
     */
    static String describe(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof String s) {
            return "'" + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "'";
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Global) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            return "a sequence of " + list.size() + " items";
        }
        if (value instanceof Map<?, ?> map) {
            return "a dict of " + map.size() + " items";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
