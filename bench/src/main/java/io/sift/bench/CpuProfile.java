package io.sift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where one peer's CPU went while its transfers ran: the execution samples of a JFR recording
 * (async-profiler's CPU sampling, see {@link Profiler}; kernel, JIT compiler and GC threads included)
 * taken between the first offer and the last end, each put in one {@link Kind}.
 */
final class CpuProfile {

    /** What a sample was doing (see {@link #kindOf(String, List)} for how one is told). */
    enum Kind {
        JIT("JIT"),
        GC("GC"),
        VM("VM thread"),
        KERNEL("kernel"),
        HASH("hash"),
        BASE64("base64"),
        XML("XML"),
        CLASS_LOADING("class loading"),
        LAMBDA_LINKING("lambda linking"),
        INTERPRETED("interpreted"),
        OTHER("other");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One frame as the categories see it: its class, its method and how it ran (JFR's frame type). */
    record Frame(String type, String method, String frameType) {
    }

    private final Map<Kind, Integer> samples;
    private final long intervalNanos;

    private CpuProfile(Map<Kind, Integer> samples, long intervalNanos) {
        this.samples = samples;
        this.intervalNanos = intervalNanos;
    }

    /**
     * The samples of the recording that fall between from and to; each stands for intervalNanos of CPU.
     *
     * @throws IOException also when there is no recording (the peer's agent never wrote one): a peer
     *         that was sampled and did nothing has one with no samples in the window
     */
    static CpuProfile read(Path recording, Instant from, Instant to, long intervalNanos) throws IOException {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        if (!Files.isRegularFile(recording)) {
            throw new NoSuchFileException(recording.toString(), null, "no recording");
        }
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                Instant at = event.getStartTime();
                if (at.isBefore(from) || at.isAfter(to)) {
                    continue;
                }
                counts.merge(kindOf(threadName(event.getThread("sampledThread")), frames(event.getStackTrace())),
                        1, Integer::sum);
            }
        }
        return new CpuProfile(counts, intervalNanos);
    }

    /**
     * The kind of one sample: compiler and GC threads by their names; any other thread by the frame
     * nearest the top of its stack that names a kind (a hash that waits on a read is kernel time).
     */
    static Kind kindOf(String thread, List<Frame> frames) {
        if (thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre")) {
            return Kind.JIT;
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1 ")) {
            return Kind.GC;
        }
        if (thread.startsWith("VM Thread")) {
            return Kind.VM; // safepoint operations: a GC's pause, but also deoptimising, revoking, ...
        }
        for (Frame frame : frames) {
            Kind kind = kindOf(frame);
            if (kind != null) {
                return kind;
            }
        }
        if (!frames.isEmpty() && frames.get(0).frameType().equals("Interpreted")) {
            return Kind.INTERPRETED;
        }
        return Kind.OTHER;
    }

    private static Kind kindOf(Frame frame) {
        String type = frame.type();
        String method = frame.method();
        if (frame.frameType().equals("Kernel")) {
            return Kind.KERNEL;
        }
        if (type.startsWith("sun.security.provider.") || type.startsWith("java.security.MessageDigest")
                || method.startsWith("sha256_") || method.startsWith("md5_")) {
            return Kind.HASH;
        }
        if (type.startsWith("java.util.Base64")) {
            return Kind.BASE64;
        }
        if (type.startsWith("com.sun.org.apache.xerces.") || type.startsWith("org.jivesoftware.smack.xml.")
                || type.startsWith("org.jivesoftware.smack.util.XmlStringBuilder") || type.startsWith("javax.xml.")) {
            return Kind.XML;
        }
        if (method.startsWith("ClassFileParser::") || method.startsWith("SystemDictionary::")
                || method.startsWith("ClassVerifier::") || method.startsWith("Rewriter::")
                || (type.equals("java.lang.ClassLoader") && method.startsWith("defineClass"))) {
            return Kind.CLASS_LOADING;
        }
        if (type.startsWith("java.lang.invoke.") && (type.contains("LambdaMetafactory")
                || type.equals("java.lang.invoke.MethodHandleNatives") && method.startsWith("link"))) {
            return Kind.LAMBDA_LINKING;
        }
        return null;
    }

    private static String threadName(RecordedThread thread) {
        if (thread == null) {
            return "";
        }
        String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        return name == null ? "" : name;
    }

    private static List<Frame> frames(RecordedStackTrace stack) {
        if (stack == null) {
            return List.of();
        }
        return stack.getFrames().stream().map(CpuProfile::frame).toList();
    }

    private static Frame frame(RecordedFrame frame) {
        String type = frame.getMethod() == null || frame.getMethod().getType() == null ? ""
                : frame.getMethod().getType().getName();
        String method = frame.getMethod() == null ? "" : frame.getMethod().getName();
        // async-profiler names classes as the JVM does inside (java/lang/String), JFR itself with dots;
        // native frames of the JVM come as its library (libjvm.so) with "Class::method" as the name
        return new Frame(type == null ? "" : type.replace('/', '.'), method == null ? "" : method,
                frame.getType() == null ? "" : frame.getType());
    }

    int samples(Kind kind) {
        return samples.getOrDefault(kind, 0);
    }

    int samples() {
        return samples.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** CPU milliseconds the samples stand for. */
    double millis(Kind kind) {
        return samples(kind) * intervalNanos / 1e6;
    }

    /** e.g. {@code 295 ms CPU: hash 202, JIT 53, kernel 30, other 10}: the kinds by time, largest first. */
    String summary() {
        String kinds = samples.entrySet().stream()
                .sorted(Map.Entry.<Kind, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey().label, millis(e.getKey())))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%.0f ms CPU%s", samples() * intervalNanos / 1e6,
                kinds.isEmpty() ? "" : ": " + kinds);
    }
}
