package org.councilchat.engine.nlu;

import java.util.List;

/** One labelled resident message, with the entities annotated in it (character offsets into the text). */
public record TrainingExample(String text, String intent, List<EntityAnnotation> entities) {

    public TrainingExample {
        entities = List.copyOf(entities);
    }

    public TrainingExample(String text, String intent) {
        this(text, intent, List.of());
    }

    /**
     * An entity in a training example, Rasa-style: {@code text.substring(start, end)} is what the resident
     * typed, {@code value} what it means (the same unless a synonym maps it); role and group may be null.
     */
    public record EntityAnnotation(int start, int end, String entity, String value, String role, String group) {}
}
