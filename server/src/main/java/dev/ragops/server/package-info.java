/**
 * The runnable ragops application: {@link dev.ragops.server.Application} picks the storage mode,
 * assembles the stage modules through injection and maps failures to problem+json responses.
 */
package dev.ragops.server;
