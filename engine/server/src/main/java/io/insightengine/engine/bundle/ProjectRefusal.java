package io.insightengine.engine.bundle;

/**
 * Why a project of the bundle is not served: a CamelCase reason (what the operator puts in the
 * Project's Ready condition) and a message that says what to fix. Never holds a secret value.
 */
public record ProjectRefusal(String reason, String message) {}
