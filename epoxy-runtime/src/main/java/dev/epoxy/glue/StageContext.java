package dev.epoxy.glue;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;
import static java.util.Objects.requireNonNull;

/**
 * The common trailing arguments of every transform: {@code transformation_ctx}, the call site with
 * {@code info}, {@code stageThreshold} (max error records this stage may add) and {@code
 * totalThreshold} (max error records in the whole lineage). A threshold of 0 means no limit.
 */
public record StageContext(String transformationContext, CallSite callSite, long stageThreshold, long totalThreshold) {
    public StageContext {
        requireNonNull(transformationContext, "transformationContext is null");
        requireNonNull(callSite, "callSite is null");
        checkInput(stageThreshold >= 0, "stageThreshold must not be negative: %s", stageThreshold);
        checkInput(totalThreshold >= 0, "totalThreshold must not be negative: %s", totalThreshold);
    }

    public static StageContext none() {
        return new StageContext("", CallSite.none(), 0, 0);
    }

    public static StageContext of(String transformationContext, CallSite callSite, long stageThreshold, long totalThreshold) {
        return new StageContext(transformationContext == null ? "" : transformationContext,
                callSite == null ? CallSite.none() : callSite, stageThreshold, totalThreshold);
    }

    public static StageContext of(String transformationContext) {
        return of(transformationContext, CallSite.none(), 0, 0);
    }

    public boolean hasThresholds() {
        return stageThreshold > 0 || totalThreshold > 0;
    }
}
