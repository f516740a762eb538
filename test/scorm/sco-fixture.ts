import { type ModuleContent, moduleContent } from "../../server/content/module-schema.ts";

// A small module built in code so the SCO tests never depend on the starter library being written
// in parallel. It uses every question type, in the quiz and as knowledge checks, and carries
// hostile text where authors could put it.

export const HOSTILE_TEXT = "</script><script>alert(1)</script><!-- & -->";

export function fixtureModule(): ModuleContent {
  return moduleContent.parse({
    slug: "fixture-trust",
    title: "Trust at work (fixture)",
    summary: `A test module. ${HOSTILE_TEXT}`,
    topics: ["trust"],
    minutes: 12,
    passMark: 80,
    lessons: [
      {
        id: "small-promises",
        title: "Small promises",
        minutes: 3,
        markdown: [
          "Trust grows from **small promises** kept in plain view.",
          "",
          "<script>window.pwned = true</script>",
          '<img src="x" onerror="window.pwned = true">',
          "",
          "[a bad link](javascript:window.pwned=true) and [a good one](https://example.org/).",
          "",
          "## Try this week",
          "",
          "- Keep one promise visibly.",
        ].join("\n"),
        checks: [
          {
            id: "check-promises",
            type: "single",
            prompt: "Which habit builds trust fastest?",
            options: [
              { text: "Keeping small promises", correct: true, feedback: "Kept promises add up." },
              { text: "Staying quiet about mistakes", feedback: "Hidden mistakes erode trust." },
            ],
          },
        ],
      },
      {
        id: "repair",
        title: "Repairing trust",
        minutes: 3,
        markdown: "When trust breaks, name it, own your part and agree on the next step.",
        checks: [
          {
            id: "check-repair-order",
            type: "ordering",
            prompt: "Put the repair steps in order.",
            items: [
              { text: "Name what happened", feedback: "Start with the facts." },
              { text: "Own your part", feedback: "Ownership comes before plans." },
              { text: "Agree the next step", feedback: "A plan closes the loop." },
            ],
          },
          {
            id: "check-self",
            type: "likert",
            prompt: "How true is each statement for you?",
            scale: ["Rarely", "Sometimes", "Often"],
            statements: [
              { id: "ask", text: "I ask before assuming." },
              { id: "admit", text: "I admit my mistakes quickly." },
            ],
            bands: [
              { min: 1, max: 2, label: "Starting out", text: "Pick one habit to practise." },
              { min: 2, max: 3, label: "Strong", text: "Keep modelling these habits." },
            ],
          },
        ],
      },
      {
        id: "ask-for-help",
        title: "Asking for help",
        minutes: 2,
        markdown: "Asking for help is a sign of trust, not weakness.",
        checks: [],
      },
    ],
    quiz: [
      {
        id: "q-single",
        type: "single",
        prompt: `Which builds trust? ${HOSTILE_TEXT}`,
        options: [
          { text: "Silence", feedback: "Silence leaves room for doubt." },
          { text: "Follow-through", correct: true, feedback: "Doing what you said builds trust." },
          { text: "Speed", feedback: "Speed alone is not reliability." },
        ],
      },
      {
        id: "q-multiple",
        type: "multiple",
        prompt: "Which of these help repair trust?",
        options: [
          { text: "Owning your part", correct: true, feedback: "Ownership shows respect." },
          { text: "Blaming the process", feedback: "Blame delays repair." },
          {
            text: "Agreeing a next step",
            correct: true,
            feedback: "A next step rebuilds confidence.",
          },
        ],
      },
      {
        id: "q-tf",
        type: "true-false",
        prompt: "Trust is built mostly through grand gestures.",
        answer: false,
        feedback: { true: "Small acts matter more.", false: "Right: small, repeated acts matter." },
      },
      {
        id: "q-order",
        type: "ordering",
        prompt: "Order the steps of a good handover.",
        items: [
          { text: "Agree the scope", feedback: "Scope first." },
          { text: "Share the context", feedback: "Then context." },
          { text: "Confirm understanding", feedback: "Then confirm." },
          { text: "Check in later", feedback: "Finally, follow up." },
        ],
      },
      {
        id: "q-match",
        type: "matching",
        prompt: "Match each behaviour to what it signals.",
        pairs: [
          {
            left: "Keeping a deadline",
            right: "Reliability",
            feedback: "Deadlines show reliability.",
          },
          {
            left: "Admitting an error",
            right: "Candour",
            feedback: "Admitting errors is candour.",
          },
          { left: "Asking a question", right: "Curiosity", feedback: "Questions show curiosity." },
        ],
      },
      {
        id: "q-scenario",
        type: "scenario",
        situation: "A colleague missed a handover you both agreed. The client noticed first.",
        prompt: "What do you do first?",
        options: [
          {
            text: "Raise it privately and ask what happened",
            correct: true,
            feedback: "Curious first.",
          },
          { text: "Mention it in the team meeting", feedback: "Public first feels like blame." },
        ],
      },
      {
        id: "q-likert",
        type: "likert",
        prompt: "How often do you do each of these?",
        scale: ["Rarely", "Sometimes", "Often", "Almost always"],
        statements: [
          { id: "follow-up", text: "I follow up on what I promised." },
          { id: "share-news", text: "I share bad news early." },
        ],
        bands: [
          { min: 1, max: 2.5, label: "Building", text: "Choose one habit for this week." },
          { min: 2.5, max: 4, label: "Consistent", text: "Your habits signal reliability." },
        ],
      },
    ],
    reflections: [
      { id: "first-step", prompt: "What is one promise you could keep visibly this week?" },
      { id: "repair-plan", prompt: "Which relationship needs a repair conversation?" },
      { id: "help", prompt: "Who could you ask for help, and with what?" },
    ],
    worksheet: {
      title: "Trust worksheet",
      markdown: "## My promises\n\n1. ______\n2. ______\n\n<script>window.pwned = true</script>",
    },
  });
}
