// Validates PDFs with veraPDF's engine and official profiles, many files in one JVM start.
//
// Usage: java -cp VERAPDF_JARS VeraDriver.java --flavour=ID FILE... [--flavour=ID FILE...]
//   ID is a veraPDF flavour id: "ua1" (PDF/UA-1) or "3b" (PDF/A-3B); it applies to the files after it.
// Prints one line per file: "FILE<TAB>compliant" or "FILE<TAB>failed<TAB>N" (N failed rules), then one line
// per failed rule: "FILE<TAB>rule<TAB>CLAUSE-TEST<TAB>COUNT<TAB>DESCRIPTION<TAB>FIRST CONTEXT". A file
// veraPDF cannot parse prints "FILE<TAB>error<TAB>MESSAGE". Exit code 0 when every file was validated
// (compliant or not), 2 on a usage error.

import java.io.FileInputStream;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.VeraPDFFoundry;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.profiles.RuleId;

public class VeraDriver {
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !args[0].startsWith("--flavour=")) {
            System.err.println("usage: VeraDriver --flavour=ID FILE... [--flavour=ID FILE...]");
            System.exit(2);
        }
        VeraGreenfieldFoundryProvider.initialise();
        VeraPDFFoundry foundry = Foundries.defaultInstance();
        PDFAFlavour flavour = PDFAFlavour.NO_FLAVOUR;
        for (String arg : args) {
            if (arg.startsWith("--flavour=")) {
                flavour = PDFAFlavour.byFlavourId(arg.substring("--flavour=".length()));
                if (flavour == PDFAFlavour.NO_FLAVOUR) {
                    System.err.println("unknown flavour: " + arg);
                    System.exit(2);
                }
                continue;
            }
            String file = arg;
            try (InputStream in = new FileInputStream(file);
                 PDFAParser parser = foundry.createParser(in, flavour);
                 PDFAValidator validator = foundry.createValidator(flavour, false)) {
                ValidationResult result = validator.validate(parser);
                Map<RuleId, Integer> counts = new LinkedHashMap<>();
                Map<RuleId, TestAssertion> first = new LinkedHashMap<>();
                for (TestAssertion assertion : result.getTestAssertions()) {
                    if (assertion.getStatus() != TestAssertion.Status.FAILED) {
                        continue;
                    }
                    counts.merge(assertion.getRuleId(), 1, Integer::sum);
                    first.putIfAbsent(assertion.getRuleId(), assertion);
                }
                if (result.isCompliant()) {
                    System.out.println(file + "\tcompliant");
                } else {
                    System.out.println(file + "\tfailed\t" + counts.size());
                }
                for (Map.Entry<RuleId, Integer> entry : counts.entrySet()) {
                    RuleId id = entry.getKey();
                    TestAssertion assertion = first.get(id);
                    String context = assertion.getLocation() == null ? "" : assertion.getLocation().getContext();
                    System.out.println(file + "\trule\t" + id.getClause() + "-" + id.getTestNumber() + "\t"
                            + entry.getValue() + "\t" + oneLine(assertion.getMessage()) + "\t" + oneLine(context));
                }
            } catch (Exception error) {
                System.out.println(file + "\terror\t" + oneLine(String.valueOf(error)));
            }
        }
        System.out.flush();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
