package dev.sluice.bench.jmh;

import dev.sluice.protocol.StreamFrame;
import dev.sluice.protocol.StreamProtocol;
import dev.sluice.protocol.StreamProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The stream frame codec: encoding a DATA frame (header + payload copy) and decoding one (header
 * checks + retained slice), against a bare payload copy of the same size as the control. Run with
 * {@code -prof gc} for allocation per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Dio.netty.leakDetection.level=disabled"})
@State(Scope.Thread)
public class StreamFrameCodecBenchmark {
    private static final int STREAM_ID = 7;

    @Param({"0", "64", "1024", "16384"})
    public int payloadBytes;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private ByteBuf payload;
    private ByteBuf encodedData;
    private ByteBuf encodedCredit;

    @Setup(Level.Trial)
    public void setUp() {
        payload = Unpooled.directBuffer(payloadBytes).writeZero(payloadBytes);
        encodedData = StreamProtocol.encode(alloc, StreamFrame.data(STREAM_ID, payload));
        encodedCredit = StreamProtocol.encode(alloc, StreamFrame.credit(STREAM_ID, 65_536));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        payload.release();
        encodedData.release();
        encodedCredit.release();
    }

    @Benchmark
    public int encodeData() {
        ByteBuf out = StreamProtocol.encode(alloc, StreamFrame.data(STREAM_ID, payload));
        int size = out.readableBytes();
        out.release();
        return size;
    }

    @Benchmark
    public int decodeData() throws StreamProtocolException {
        StreamFrame frame = StreamProtocol.decode(encodedData);
        int size = frame.payload().readableBytes();
        frame.release();
        return size;
    }

    @Benchmark
    public int decodeCredit() throws StreamProtocolException {
        return StreamProtocol.decode(encodedCredit).value();
    }

    /** The control: what copying the payload alone costs. */
    @Benchmark
    public int copyPayloadOnly() {
        ByteBuf out = alloc.buffer(payloadBytes);
        out.writeBytes(payload, payload.readerIndex(), payloadBytes);
        int size = out.readableBytes();
        out.release();
        return size;
    }
}
