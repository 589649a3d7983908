package dev.vodauth.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The API's XML form of a JSON tree: nesting, repetition, escaping, nulls, control characters. */
class XmlWriterTest {
  private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void objectsBecomeNestedElementsInFieldOrder() throws Exception {
    String xml = XmlWriter.document("GetVideoPlayAuthResponse",
        json.readTree("{\"RequestId\":\"r-1\",\"VideoMeta\":{\"VideoId\":\"v1\",\"Duration\":135.6}}"));

    assertEquals(PROLOG + "<GetVideoPlayAuthResponse><RequestId>r-1</RequestId>"
        + "<VideoMeta><VideoId>v1</VideoId><Duration>135.6</Duration></VideoMeta></GetVideoPlayAuthResponse>", xml);
  }

  @Test
  void anArrayRepeatsItsElementOncePerItem() throws Exception {
    String xml = XmlWriter.document("R", json.readTree("{\"Id\":[\"a\",\"b\"],\"Empty\":[]}"));

    assertEquals(PROLOG + "<R><Id>a</Id><Id>b</Id></R>", xml);
  }

  @Test
  void theFiveMarkupCharactersAreEscaped() {
    ObjectNode tree = json.createObjectNode().put("Title", "<a href=\"x\">Tom & Jerry's</a>");

    assertEquals(PROLOG + "<R><Title>&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;</Title></R>",
        XmlWriter.document("R", tree));
  }

  @Test
  void controlCharactersXmlCannotHoldAreDroppedButWhitespaceAndNonAsciiStay() {
    ObjectNode tree = json.createObjectNode().put("Title", "a\u0000b\u0007c\td\ne\rf 阿里云");

    assertEquals(PROLOG + "<R><Title>abc\td\ne\rf 阿里云</Title></R>", XmlWriter.document("R", tree));
  }

  @Test
  void nullIsAnEmptyElementAndNumbersAndBooleansAreText() {
    ObjectNode tree = json.createObjectNode();
    tree.putNull("CoverURL");
    tree.put("Size", 10737418240L).put("Ok", true);

    assertEquals(PROLOG + "<R><CoverURL></CoverURL><Size>10737418240</Size><Ok>true</Ok></R>", XmlWriter.document("R", tree));
  }
}
