/** Contract tests every store implementation extends, a fixture corpus and reproducible seeds. */
package dev.ragops.testkit;
