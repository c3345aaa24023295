/**
 * Built-in prompt formats: {@code optiml} (OPT-IML's instruction/input/OPTIONS layout), {@code niv2}
 * (Tk-Instruct's Definition + positive examples), {@code bbh-direct} and {@code bbh-cot} (BIG-Bench Hard answer-only
 * and chain-of-thought few-shot prompts).
 */
module org.imlbench.prompts {
    requires org.imlbench.api;

    provides org.imlbench.api.PromptFormat with
            org.imlbench.prompts.OptimlFormat,
            org.imlbench.prompts.Niv2Format,
            org.imlbench.prompts.BbhDirectFormat,
            org.imlbench.prompts.BbhCotFormat;
}
