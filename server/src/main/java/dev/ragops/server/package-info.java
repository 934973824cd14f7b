/**
 * The runnable ragops application: {@link dev.ragops.server.Application} picks the storage mode,
 * assembles the stage modules through injection and maps failures to problem+json responses; its
 * {@code eval} and {@code faithfulness} commands run the rag-eval CLI against a private {@code
 * CliServer}.
 */
package dev.ragops.server;
