package dev.vodauth.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseFormatTest {
  @ParameterizedTest(name = "Format={0}, Accept={1} -> {2}")
  @CsvSource(delimiter = '|', value = {
    "XML  |                                                                  | XML",
    "xml  | application/json                                                 | XML",
    "JSON | application/xml                                                  | JSON",
    "yaml |                                                                  | JSON",
    "     |                                                                  | JSON",
    "     | application/xml                                                  | XML",
    "     | text/xml                                                         | XML",
    "     | application/xml, application/json                                | XML",
    "     | application/json, application/xml                                | JSON",
    "     | application/json;q=0.5, application/xml                          | XML",
    "     | */*                                                              | JSON",
    "     | text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8  | JSON",
  })
  void xmlOnlyWhenAskedForOrMostPreferred(String format, String accept, ResponseFormat expected) {
    assertEquals(expected, ResponseFormat.choose(format, accept));
  }
}
