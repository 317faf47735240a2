package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Pictures written beside the output: {@code NAME_losses.png} and {@code NAME_sheet.png} for output {@code NAME.png}.
 *
 * @param lossPlot     the losses per evaluation on a log scale
 * @param contactSheet content, style(s) and result side by side
 */
public record PicturesSpec(boolean lossPlot, boolean contactSheet) {

    public static final PicturesSpec NONE = new PicturesSpec(false, false);

    @JsonCreator
    static PicturesSpec fromJson(@JsonProperty("loss_plot") Boolean lossPlot,
                                 @JsonProperty("contact_sheet") Boolean contactSheet) {
        return new PicturesSpec(Boolean.TRUE.equals(lossPlot), Boolean.TRUE.equals(contactSheet));
    }
}
