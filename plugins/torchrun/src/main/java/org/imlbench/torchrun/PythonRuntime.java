package org.imlbench.torchrun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python interpreter able to run the trainer, found by asking it: the interpreter's path and version, torch's and
 * numpy's, and whether CUDA is available. When the default {@code python3} cannot run the trainer (a pyenv or venv
 * Python without torch is common) and the system's {@code /usr/bin/python3} can, that one is used and the user is told
 * in one line; an interpreter given with {@code python=PATH} is used as given or refused.
 *
 * @param command the command that starts it, as given
 * @param executable {@code sys.executable}
 * @param pythonVersion e.g. {@code 3.11.2}
 * @param torchVersion e.g. {@code 1.13.0a0} or {@code 2.5.1+cu124}
 * @param numpyVersion e.g. {@code 1.24.2}
 * @param cuda whether torch sees a CUDA device (asked only when the ranks train on GPUs)
 */
record PythonRuntime(String command, String executable, String pythonVersion, String torchVersion,
                     String numpyVersion, boolean cuda) {
    /** What the trainer needs, as its own error messages say it. */
    static final String NEEDS = "torch >= 1.13 (>= 2.0 on GPUs) and numpy >= 1.20 on Python >= 3.8";
    /** The system's interpreter tried when the default one lacks torch (Debian's python3-torch lives there). */
    static final String SYSTEM_PYTHON = "/usr/bin/python3";
    private static final long PROBE_SECONDS = 120;
    /**
     * Prints the interpreter's path and version, then numpy's and torch's versions from their package metadata
     * (importing torch takes seconds; its metadata a tenth of one), importing a package only when it has none; with
     * the argument {@code gpu}, also whether torch sees CUDA.
     */
    private static final String PROBE = String.join("\n",
            "import sys",
            "print('python', sys.executable, '%d.%d.%d' % sys.version_info[:3])",
            "def version(name):",
            "    import importlib.util",
            "    if importlib.util.find_spec(name) is None:",
            "        raise ModuleNotFoundError(name)",
            "    try:",
            "        import importlib.metadata",
            "        return importlib.metadata.version(name)",
            "    except Exception:",
            "        return __import__(name).__version__",
            "for name in ('numpy', 'torch'):",
            "    try:",
            "        print(name, version(name))",
            "    except Exception as e:",
            "        print('missing', name, type(e).__name__)",
            "if sys.argv[1:] == ['gpu']:",
            "    try:",
            "        import torch",
            "        print('cuda', torch.cuda.is_available())",
            "    except Exception as e:",
            "        print('missing', 'torch', type(e).__name__)");
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

    /**
     * Finds the interpreter to use.
     *
     * @param command the {@code python} option
     * @param given whether the user gave it (then there is no fallback)
     * @param gpu whether the ranks train on GPUs (torch >= 2.0 and CUDA needed)
     * @param fallbacks interpreters to try, in order, when the default cannot run the trainer
     * @param notes told in one line when a fallback is used
     * @return the interpreter
     * @throws IOException one line naming what was found and what is needed
     */
    static PythonRuntime find(String command, boolean given, boolean gpu, List<String> fallbacks,
                              Consumer<String> notes) throws IOException {
        Probe first = probe(command, gpu);
        Optional<String> problem = first.problem(gpu);
        if (problem.isEmpty()) {
            return first.runtime();
        }
        if (!given) {
            for (String other : fallbacks) {
                if (other.equals(command) || !Files.isExecutable(Path.of(other))) {
                    continue;
                }
                Probe candidate = probe(other, gpu);
                if (candidate.problem(gpu).isEmpty()) {
                    PythonRuntime runtime = candidate.runtime();
                    notes.accept("torchrun: " + problem.get() + "; using " + other + " (torch "
                            + runtime.torchVersion() + ", numpy " + runtime.numpyVersion() + ", Python "
                            + runtime.pythonVersion() + ") instead");
                    return runtime;
                }
            }
        }
        throw new IOException("torchrun backend: " + problem.get() + "; the trainer needs " + NEEDS
                + (gpu ? " with CUDA" : "") + " (install python3-torch and python3-numpy, or pass --backend-option "
                + "python=PATH)");
    }

    /** What one interpreter said about itself; {@code failure} when it could not even be asked. */
    private record Probe(String command, String executable, String python, String numpy, String torch, boolean cuda,
                         String missing, String failure) {
        Optional<String> problem(boolean gpu) {
            if (failure != null) {
                return Optional.of(failure);
            }
            String found = command + " (" + executable + ", Python " + python + ")";
            if (missing != null) {
                return Optional.of(found + " cannot import " + missing);
            }
            if (older(python, 3, 8) || older(torch, 1, 13) || older(numpy, 1, 20)) {
                return Optional.of(found + " has torch " + torch + " and numpy " + numpy);
            }
            if (gpu && older(torch, 2, 0)) {
                return Optional.of(found + " has torch " + torch + ", which cannot train on GPUs here (FSDP with "
                        + "use_orig_params needs torch >= 2.0)");
            }
            if (gpu && !cuda) {
                return Optional.of(found + " has torch " + torch + " without a CUDA device");
            }
            return Optional.empty();
        }

        PythonRuntime runtime() {
            return new PythonRuntime(command, executable, python, torch, numpy, cuda);
        }
    }

    private static Probe probe(String command, boolean gpu) {
        List<String> arguments = new ArrayList<>(List.of(command, "-c", PROBE));
        if (gpu) {
            arguments.add("gpu");
        }
        ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true);
        builder.environment().put("TORCH_CPP_LOG_LEVEL", "ERROR");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return failed(command, "cannot run '" + command + "' (" + firstLine(e.getMessage()) + ")");
        }
        try {
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return failed(command, "'" + command + "' did not answer within " + PROBE_SECONDS + " s");
            }
            return parse(command, new String(out, StandardCharsets.UTF_8), process.exitValue());
        } catch (IOException e) {
            process.destroyForcibly();
            return failed(command, "cannot run '" + command + "' (" + firstLine(e.getMessage()) + ")");
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return failed(command, "interrupted while asking '" + command + "' for its versions");
        }
    }

    private static Probe parse(String command, String output, int exit) {
        String executable = command;
        String python = null;
        String numpy = null;
        String torch = null;
        boolean cuda = false;
        List<String> missing = new ArrayList<>();
        for (String line : output.lines().toList()) {
            String[] words = line.strip().split(" ");
            switch (words[0]) {
                case "python" -> {
                    if (words.length >= 3) {
                        executable = words[1];
                        python = words[2];
                    }
                }
                case "numpy" -> numpy = words.length >= 2 ? words[1] : null;
                case "torch" -> torch = words.length >= 2 ? words[1] : null;
                case "cuda" -> cuda = words.length >= 2 && words[1].equals("True");
                case "missing" -> {
                    String name = words.length >= 2 ? words[1] : "?";
                    if (!missing.contains(name)) {
                        missing.add(name);
                    }
                }
                default -> {
                    // interpreter chatter (site warnings and the like)
                }
            }
        }
        if (python == null) {
            String said = output.lines().filter(l -> !l.isBlank()).findFirst().orElse("no output");
            return failed(command, "'" + command + "' is not a working Python (exit " + exit + ": "
                    + firstLine(said) + ")");
        }
        return new Probe(command, executable, python, numpy, torch, cuda,
                missing.isEmpty() ? null : String.join(" or ", missing), null);
    }

    private static Probe failed(String command, String why) {
        return new Probe(command, command, null, null, null, false, null, why);
    }

    /** Whether a version such as {@code 1.13.0a0} is older than {@code major.minor} (unreadable counts as older). */
    static boolean older(String version, int major, int minor) {
        Matcher m = version == null ? null : VERSION.matcher(version);
        if (m == null || !m.lookingAt()) {
            return true;
        }
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        return a < major || (a == major && b < minor);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no reason given";
        }
        return text.lines().findFirst().orElse(text).strip();
    }
}
