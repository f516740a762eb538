package rapport.wire;

import java.net.InetSocketAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Listens for MongoDB clients with mongo-java-server's own protocol handlers, plus
 * {@link UnacknowledgedWrites} around them. (The stock {@code MongoServer} builds its handler chain
 * inside {@code bind} with no way to add to it.)
 */
public final class WireServer {

    private static final Logger log = LoggerFactory.getLogger(WireServer.class);

    private final MongoBackend backend;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private ChannelGroup clients;
    private Channel listener;

    public WireServer(MongoBackend backend) {
        this.backend = backend;
    }

    public InetSocketAddress bind(InetSocketAddress address, int workerThreads) {
        bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("mongo-server-boss"),
            NioIoHandler.newFactory());
        workerGroup = new MultiThreadIoEventLoopGroup(workerThreads, new DefaultThreadFactory("mongo-server-worker"),
            NioIoHandler.newFactory());
        clients = new DefaultChannelGroup("mongodb-channels", workerGroup.next());
        try {
            listener = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 100)
                .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        UnacknowledgedWrites unacknowledged = new UnacknowledgedWrites();
                        channel.pipeline()
                            .addLast(new MongoWireReplyEncoder())
                            .addLast(new MongoWireMessageEncoder())
                            .addLast(unacknowledged.frames())
                            .addLast(unacknowledged.replies())
                            .addLast(new MongoWireProtocolHandler())
                            .addLast(new MongoDatabaseHandler(backend, clients))
                            .addLast(new MongoExceptionHandler());
                    }
                })
                .bind(address)
                .syncUninterruptibly()
                .channel();
        } catch (RuntimeException e) {
            shutdownNow();
            throw e;
        }
        return (InetSocketAddress) listener.localAddress();
    }

    /** Stops listening, disconnects every client, stops the threads, then closes the backend. */
    public void shutdownNow() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
            listener = null;
        }
        if (clients != null && !clients.isEmpty()) {
            log.info("closing {} client connection(s)", clients.size());
            clients.close().syncUninterruptibly();
        }
        for (EventLoopGroup group : new EventLoopGroup[] {bossGroup, workerGroup}) {
            if (group != null) {
                group.shutdownGracefully(0, 5, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
        backend.close();
    }
}
