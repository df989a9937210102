package dev.pitr.s3;

/**
 * What an {@link S3ExportSource} has fetched so far, over all the streams it opened.
 *
 * <p>A read that completes has fetched its object's size plus {@link #bytesReRead()}: bytes that
 * arrived twice because a range was requested again after a failure. A resume starts at the first
 * byte not yet received, so a cut connection costs at most the bytes of the part in flight on it.
 *
 * @param objectsOpened     objects opened (HEAD done, stream handed out)
 * @param rangeRequests     ranged GETs sent, first attempts and resumes alike
 * @param resumes           ranged GETs sent again after a failed or cut one
 * @param bytesFetched      body bytes received, re-read bytes included
 * @param bytesReRead       bytes received that had already been received once
 * @param maxPartsBuffered  the most part buffers one stream held at once (never above the read-ahead)
 */
public record S3ReadStats(long objectsOpened, long rangeRequests, long resumes, long bytesFetched,
                          long bytesReRead, int maxPartsBuffered) {
}
