package dev.ragops.ingestion;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;

@Serdeable
record CollectionRequest(@NotBlank String name) {}
