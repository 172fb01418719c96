package org.councilchat.chat;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskExecutor;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.MessageHandlingRunnable;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The executor of the inbound chat channel: frames from one connection are handled one at a time, in the order
 * they arrived, while different connections are handled in parallel. A SUBSCRIBE is registered before the SEND
 * right behind it is handled, and a resident's second message is never stored before their first.
 *
 * <p>Why our own rather than Spring's {@code StompEndpointRegistry.setPreserveReceiveOrder(true)}: with that flag
 * Spring 7 also orders user-destination sends per session, and hands the same message object to each session of the
 * user in turn. The broker channel makes that message immutable on the first send, so every later session's copy
 * fails {@code OrderedMessageChannelDecorator}'s "Expected mutable SimpMessageHeaderAccessor" check and is dropped:
 * a second tab of a resident, or a second console of an agent, received nothing at all. Ordering here, before
 * any handler runs, gives the same guarantee without touching how events are addressed.
 *
 * <p>A {@link TaskExecutor} because Spring's broker statistics ask for the inbound channel's executor as one.
 *
 * <p>NOTE: one frame's handlers (the controllers, the broker, the user-destination handler) each run as a task;
 * they run one after another for the connection, which is what makes a SUBSCRIBE visible to the next frame.
 */
final class ConnectionOrder implements TaskExecutor {

    private static final Logger log = LoggerFactory.getLogger(ConnectionOrder.class);

    private final ThreadPoolTaskExecutor workers = new ThreadPoolTaskExecutor();
    /** The connections with work queued or running; a lane leaves this map when its queue is empty. */
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    ConnectionOrder() {
        // As Spring's own inbound channel: twice the processors, an unbounded queue (the allowance per connection,
        // not the queue, is what stops a flood).
        workers.setCorePoolSize(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        workers.setThreadNamePrefix("chat-inbound-");
        workers.initialize();
    }

    @Override
    public void execute(Runnable task) {
        String connection = task instanceof MessageHandlingRunnable handling
                ? SimpMessageHeaderAccessor.getSessionId(handling.getMessage().getHeaders())
                : null;
        if (connection == null) {
            workers.execute(task);
            return;
        }
        Lane[] started = {null};
        lanes.compute(connection, (id, lane) -> {
            if (lane == null) {
                lane = new Lane(id);
                started[0] = lane;
            }
            lane.tasks.add(task);
            return lane;
        });
        if (started[0] != null) {
            try {
                workers.execute(started[0]);
            } catch (RejectedExecutionException shuttingDown) {
                lanes.remove(connection);
                throw shuttingDown;
            }
        }
    }

    void shutdown() {
        workers.shutdown();
    }

    /** One connection's frames, run in order on one worker at a time. */
    private final class Lane implements Runnable {

        private final String connection;
        /** Guarded by {@code lanes.compute} on this connection's key. */
        private final Queue<Runnable> tasks = new ArrayDeque<>();

        Lane(String connection) {
            this.connection = connection;
        }

        @Override
        public void run() {
            for (Runnable next = nextTask(); next != null; next = nextTask()) {
                try {
                    next.run();
                } catch (RuntimeException failure) {
                    // Spring's handlers report their own failures; this only keeps the connection's later frames going.
                    log.error("A chat frame failed on connection {}", connection, failure);
                }
            }
        }

        /** The next task, or null after removing this lane, atomically with {@link #execute} adding to it. */
        private Runnable nextTask() {
            Runnable[] next = {null};
            lanes.compute(connection, (id, lane) -> {
                next[0] = tasks.poll();
                return next[0] == null ? null : lane;
            });
            return next[0];
        }
    }
}
