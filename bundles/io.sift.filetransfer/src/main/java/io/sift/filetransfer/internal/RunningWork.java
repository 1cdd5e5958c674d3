package io.sift.filetransfer.internal;

/**
 * One piece of a transfer's work on a pool thread, and the way to interrupt it while, and only while,
 * it runs. The work always runs once started through the pool, even if the transfer ended while it
 * waited in the queue: it is the work that lets go of what the transfer holds (its partial file, the
 * verdict owed to the sender). A cancelled future would never run it.
 */
final class RunningWork implements Runnable {

    private final Runnable work;
    private Thread thread; // guarded by this

    RunningWork(Runnable work) {
        this.work = work;
    }

    @Override
    public void run() {
        synchronized (this) {
            thread = Thread.currentThread();
        }
        try {
            work.run();
        } finally {
            synchronized (this) {
                thread = null;
                // an interrupt meant for this work must not reach the next task of the pool thread
                Thread.interrupted();
            }
        }
    }

    /** Interrupts the work if it runs now; a no-op before it starts and after it ended. */
    synchronized void interrupt() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
