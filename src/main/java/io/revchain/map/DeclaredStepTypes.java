package io.revchain.map;

/** Custom step types (such as {@code DemoHeld}) that some supply chain map declares as a stage entry. */
public interface DeclaredStepTypes {

    boolean isDeclared(String stepType);
}
