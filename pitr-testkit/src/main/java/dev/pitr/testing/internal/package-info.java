/**
 * How the export generator writes records, files and manifests. Not an API: may change in any
 * release.
 */
package dev.pitr.testing.internal;
