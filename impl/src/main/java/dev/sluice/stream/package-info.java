/**
 * Multiplexed duplex streams over one Sluice connection, with credit back-pressure, half-close
 * and abort codes (wire format: {@code impl/PROTOCOL.md}).
 *
 * <h2>Server</h2>
 * <pre>{@code
 * SluiceServer server = SluiceServer.start(ServerConfig.builder()
 *         .identity(identity)
 *         .streamHandler((stream, connectionInfo) -> ..., StreamConfig.defaults())  // or EchoHandler.INSTANCE
 *         .build());
 * }</pre>
 * The handler runs on the connection's event loop for every stream a client opens: start reading
 * ({@link dev.sluice.stream.SluiceStream#reads()}) and writing asynchronously and return, or hand
 * blocking work ({@code inputStream()}, {@code outputStream()}) to another thread.
 *
 * <h2>Client</h2>
 * <pre>{@code
 * SluiceClient client = SluiceClient.create(ClientConfig.builder().streams().build());
 * StreamSession session = client.connectStreams(host, port, expectedNodeId);
 * SluiceStream stream = session.openStream();            // openStreamAsync() on event-loop threads
 * stream.write(ByteBuffer.wrap(bytes)).thenCompose(v -> stream.closeWrite());
 * stream.reads().subscribe(subscriber);                   // demand grants the server credit
 * // or without copies: stream.write(byteBuf) takes ownership; byteBufReads() hands it over
 * session.stopGracefully(Duration.ofSeconds(5));          // or stopNow()
 * }</pre>
 *
 * <h2>Threads</h2>
 * Every public method may be called from any thread; all stream state lives on the connection's
 * event loop, and write futures and Flow signals complete there: do not block in them.
 *
 * <h2>Bytes</h2>
 * {@link dev.sluice.stream.SluiceStream#byteBufReads()} and
 * {@link dev.sluice.stream.SluiceStream#write(io.netty.buffer.ByteBuf)} move bytes without
 * copying them, passing ownership (impl/PROTOCOL.md, "who owns and releases what"); the
 * {@code ByteBuffer}, {@code InputStream} and {@code OutputStream} views copy at most once. Each
 * stream bounds its written-but-unsent bytes ({@link dev.sluice.stream.StreamConfig#maxUnsentWriteBytes()}).
 *
 * <h2>Errors</h2>
 * A stream alone fails with {@link dev.sluice.stream.StreamResetException} (the peer aborted its
 * writing, or this side aborted and writes were pending) or
 * {@link dev.sluice.stream.StreamStoppedException} (the peer stopped reading), and a reader still
 * waiting when this side cancels reading gets {@link dev.sluice.stream.StreamCancelledException}; {@code code()}
 * carries the application code, {@code refused()} tells a stream the peer refused. When the
 * connection ends, every open reader and writer fails with its
 * {@link dev.sluice.connection.ConnectionException}.
 */
package dev.sluice.stream;
