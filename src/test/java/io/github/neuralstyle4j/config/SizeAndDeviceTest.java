package io.github.neuralstyle4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SizeAndDeviceTest {

    private static StyleTransferConfig parseWith(String extraFields) {
        return ConfigLoader.parse("""
                { %s
                  "content": { "image": "c.png", "layers": { "conv_4": 1 } },
                  "style": { "images": ["s.png"], "layers": { "conv_1": 1 } } }
                """.formatted(extraFields), "config.json");
    }

    private static ConfigException failsWith(String extraFields) {
        return assertThrows(ConfigException.class, () -> parseWith(extraFields));
    }

    @Test
    void sizeAsAnIntegerAppliesToEveryDevice() {
        ImageSize size = parseWith("\"size\": 256,").size();
        assertEquals(new ImageSize(256, 256), size);
        assertEquals(256, size.forDevice(DeviceSpec.CPU));
        assertEquals(256, size.forDevice(DeviceSpec.cuda(0)));
    }

    @Test
    void sizeAsAnObjectIsPerDeviceAndDefaultsWhatIsLeftOut() {
        ImageSize size = parseWith("\"size\": { \"cuda\": 1024 },").size();
        assertEquals(128, size.cpu());
        assertEquals(1024, size.cuda());
        assertEquals(128, size.forDevice(DeviceSpec.CPU));
        assertEquals(1024, size.forDevice(DeviceSpec.cuda(3)));
    }

    @Test
    void runSizeFollowsTheDevice() {
        assertEquals(128, parseWith("").imageSize());
        assertEquals(512, parseWith("\"device\": \"cuda:1\",").imageSize());
    }

    @Test
    void sizeOutOfRangeIsReportedWhereItWasWritten() {
        assertEquals("config.json: $.size: must be between 16 and 16384, got 8",
                failsWith("\"size\": 8,").getMessage());
        assertEquals("config.json: $.size.cuda: must be between 16 and 16384, got 20000",
                failsWith("\"size\": { \"cuda\": 20000 },").getMessage());
    }

    @Test
    void sizeOfAnotherTypeIsRejected() {
        String msg = failsWith("\"size\": \"256\",").getMessage();
        assertTrue(msg.startsWith("config.json: $.size: expected an integer or an object"), msg);
        assertTrue(msg.contains("\"256\""), msg);
        assertTrue(failsWith("\"size\": 256.5,").getMessage().startsWith("config.json: $.size: expected an integer"));
    }

    @Test
    void deviceParsesThePyTorchForms() {
        assertEquals(new DeviceSpec(DeviceSpec.Kind.CPU, 0), DeviceSpec.parse("cpu"));
        assertEquals(new DeviceSpec(DeviceSpec.Kind.CUDA, 0), DeviceSpec.parse("cuda"));
        assertEquals(new DeviceSpec(DeviceSpec.Kind.CUDA, 0), DeviceSpec.parse("cuda:0"));
        assertEquals(new DeviceSpec(DeviceSpec.Kind.CUDA, 1), DeviceSpec.parse("cuda:1"));
        assertEquals(new DeviceSpec(DeviceSpec.Kind.CUDA, 12), DeviceSpec.parse("cuda:12"));
        assertEquals("cpu", DeviceSpec.parse("cpu").toString());
        assertEquals("cuda:1", DeviceSpec.parse("cuda:1").toString());
        assertTrue(DeviceSpec.parse("cuda:1").isCuda());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpu", "cuda:-1", "cuda:x", "cuda:", "CPU", "cpu:0", " cuda", "cuda:1 ", "",
        "cuda:99999999999"})
    void deviceRejectsAnythingElseListingTheValidForms(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> DeviceSpec.parse(text));
        assertEquals("unknown device '" + text + "'; valid forms are: cpu, cuda, cuda:N (N >= 0)", e.problem());
    }

    @Test
    void deviceInAFileIsParsedAndABadOneReportedAtItsPath() {
        assertEquals(DeviceSpec.cuda(2), parseWith("\"device\": \"cuda:2\",").device());
        assertEquals("config.json: $.device: unknown device 'gpu'; valid forms are: cpu, cuda, cuda:N (N >= 0)",
                failsWith("\"device\": \"gpu\",").getMessage());
        assertTrue(failsWith("\"device\": 0,").getMessage().startsWith("config.json: $.device: expected a string"));
    }

    @Test
    void deviceConstructorRejectsImpossibleDevices() {
        assertThrows(ConfigException.class, () -> DeviceSpec.cuda(-1));
        assertThrows(ConfigException.class, () -> new DeviceSpec(DeviceSpec.Kind.CPU, 1));
    }
}
