/**
 * Helpers shared by Sluice's own packages. Not part of the API: anything here may change in any
 * release.
 */
package dev.sluice.internal;
