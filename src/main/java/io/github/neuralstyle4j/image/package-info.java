/**
 * Image input and output for neural style transfer, reproducing the PyTorch tutorial's
 * {@code transforms.Compose([transforms.Resize(imsize), transforms.ToTensor()])} on PIL images.
 *
 * <ul>
 *   <li>{@link io.github.neuralstyle4j.image.ImageLoading} reads files or {@link
 *       io.github.neuralstyle4j.image.BuiltinImages builtin samples} into an {@link
 *       io.github.neuralstyle4j.image.RgbImage}: float32 RGB in NCHW layout, {@code byte / 255} like
 *       {@code ToTensor}.</li>
 *   <li>{@link io.github.neuralstyle4j.image.Resize} is torchvision's {@code Resize} with PIL's antialiased
 *       bilinear filter, matching Pillow byte for byte.</li>
 *   <li>{@link io.github.neuralstyle4j.image.ImageWriter} writes PNG or JPEG atomically.</li>
 * </ul>
 *
 * <p>Only the JDK's ImageIO and Java2D are used. Failures surface as {@link
 * io.github.neuralstyle4j.image.ImageException} with a one-line message naming the file.
 */
package io.github.neuralstyle4j.image;
