/**
 * The one class that touches the JDK's non-public virtual-thread machinery
 * ({@code VirtualThreads}). A future public custom-scheduler API is a change to this package only.
 * Tests: {@code JdkBehaviourTest} (the missing flag, {@code -XX:-VMContinuations}, socket pollers,
 * guests).
 */
package dev.weft.internal.carrier;
