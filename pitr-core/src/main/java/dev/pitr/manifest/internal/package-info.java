/**
 * Writing manifests in the layout DynamoDB writes. Not an API: may change in any release.
 */
@NullMarked
package dev.pitr.manifest.internal;

import org.jspecify.annotations.NullMarked;
