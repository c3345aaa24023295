package org.imlbench.templates.jinja;

/** A template could not be rendered; the message names the template and says why, as Jinja2 would. */
public final class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String template;

    /**
     * @param template the template's name (e.g. {@code xnli_vi.yaml: doc_to_choice})
     * @param problem what went wrong
     */
    public TemplateException(String template, String problem) {
        super(template + ": " + problem);
        this.template = template;
    }

    /** @return the template's name */
    public String template() {
        return template;
    }
}
