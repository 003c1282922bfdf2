// The English UI text: the reference dictionary. Every other language must have every key (the
// Messages type enforces it). `{name}` marks a value filled in by translate().

export const en = {
  "app.name": "Activation Lab",
  "lang.label": "Language",
  "lang.en": "English",
  "lang.zh-CN": "中文",

  // ---------- home
  "home.lede":
    "How does a neuron work? It weighs its inputs, adds a bias, and passes the sum z through an activation function f. Pick a lesson, change any number, and watch every value follow.",
  "home.lessons.title": "Lessons",
  "home.lessons.intro":
    "Each lesson opens a small network you can edit: every number is computed live in your browser.",
  "home.lessons.count": "{n} built-in lessons",
  "home.library.title": "Exercise library",
  "home.library.text": "Exercises saved and shared by teachers",
  "home.neuron.title": "The seed neuron, live",
  "home.neuron.intro":
    "One neuron: move a slider and watch z and the output change. The lessons above take it further.",

  // ---------- the live neuron of the home page
  "neuron.stage": "The neuron",
  "neuron.output": "output",
  "neuron.computing": "computing…",
  "neuron.kernelUnavailable": "kernel unavailable",
  "neuron.parameters": "Parameters",
  "neuron.hint.input": "input {n}",
  "neuron.hint.weight": "weight of {x}",
  "neuron.hint.bias": "bias",
  "neuron.activation": "Activation function",
  "neuron.activation.aria": "activation function f",
  "neuron.reset": "Back to the worked example",
  "neuron.diagram": "Neuron: inputs {inputs}, bias {bias}, activation {activation}, output {output}.",
  "neuron.diagram.input": "{name} = {value} with weight {weight}",
  "neuron.diagram.pending": "being computed",
  "kernel.ready": "Computed in your browser by the WebAssembly kernel ({build} build).",
  "kernel.error": "The WebAssembly kernel could not load: {message}",
  "kernel.loading": "Loading the WebAssembly kernel…",

  // ---------- activation functions
  "activation.step": "Step",
  "activation.linear": "Linear (identity)",
  "activation.sigmoid": "Sigmoid",
  "activation.tanh": "Tanh",
  "activation.relu": "ReLU",
  "activation.leaky_relu": "Leaky ReLU",
  "activation.softplus": "Softplus",
  "range.sentence": "{f} outputs lie in {range}: {note}.",
  "range.step": "only 0 or 1: the one function that really is on/off",
  "range.linear": "any real number: no squashing at all",
  "range.sigmoid": "never exactly 0 or 1, so “on/off” is a myth: the output is a graded value",
  "range.tanh": "never exactly −1 or 1, and 0 when z = 0",
  "range.relu": "0 for every negative z, unbounded above",
  "range.leaky_relu": "a small slope (0.01) for negative z, so never stuck at 0",
  "range.softplus": "a smooth ReLU: never exactly 0, unbounded above",

  // ---------- the lesson page
  "lesson.home": "All lessons",
  "lesson.builtIn": "Built-in lesson",
  "lesson.saved": "Saved exercise",
  "lesson.loading": "Loading the exercise…",
  "lesson.notFound.title": "Exercise not found",
  "lesson.notFound.text":
    "There is no lesson or saved exercise called “{slug}”. It may have been deleted, or the link may be mistyped.",
  "lesson.loadError": "The exercise could not be loaded: {message}",
  "lesson.invalid": "This exercise is not valid: {message}",
  "lesson.questions": "Questions to think about",
  "lesson.questions.try": "Try it",
  "lesson.questions.tryAria": "Set the inputs to {inputs} and select {name}",

  // ---------- the lab: toolbar
  "lab.network": "Network",
  "lab.toolbar": "Edit history",
  "lab.undo": "Undo",
  "lab.redo": "Redo",
  "lab.undo.hint": "Undo (Ctrl+Z)",
  "lab.redo.hint": "Redo (Ctrl+Shift+Z or Ctrl+Y)",
  "lab.reset": "Reset",
  "lab.reset.hint": "Back to the exercise's network and inputs",
  "lab.refused": "Not applied: {message}",
  "lab.legend.positive": "positive weight",
  "lab.legend.negative": "negative weight (dashed)",
  "lab.legend.zero": "weight 0 (dotted)",
  "lab.legend.width": "thicker line = larger |w|",
  "lab.legend.select": "Tap or click a neuron, a connection or an input to edit it.",
  "lab.legend.drag":
    "Drag a connection or a neuron up or down to change its weight or bias (on a touch screen, select it first).",

  // ---------- the network graph
  "graph.aria":
    "The network: {inputs} inputs, then {layers}. Each neuron, input and connection is a button; arrow keys move between neurons.",
  "graph.inputs": "inputs",
  "graph.hidden": "hidden layer {n}",
  "graph.outputLayer": "output layer",
  "graph.hidden.short": "hidden {n}",
  "graph.outputLayer.short": "output",
  "graph.input": "input {name} = {value}",
  "graph.neuron": "{layer}, neuron {name}: output {output}, activation {activation}, bias {bias}",
  "graph.weight": "weight from {from} to {to}: {value}",
  "graph.pending": "…",
  "graph.bias": "b = {value}",

  // ---------- the editor
  "editor.title": "Edit",
  "editor.nothing": "Select a neuron, a connection or an input in the network to edit it.",
  "editor.weight": "Weight from {from} to {to}",
  "editor.bias": "Bias of {name}",
  "editor.input": "Value of input {name}",
  "editor.wide": "Slider range ±100",
  "editor.slider": "{what}, slider",
  "editor.field": "{what}, exact value",
  "editor.neuronActivation": "Activation of {name}",
  "editor.layerDefault": "Layer default ({name})",
  "editor.layerActivation": "Activation of the whole layer",
  "editor.layerActivation.hint": "Sets every neuron of this layer",
  "editor.structure": "Structure",
  "editor.addNeuron": "Add a neuron",
  "editor.removeNeuron": "Remove this neuron",
  "editor.addLayer": "Add a layer after",
  "editor.removeLayer": "Remove this layer",
  "editor.addInput": "Add an input",
  "editor.removeInput": "Remove this input",
  "editor.limits": "Limits: 1–8 inputs, 1–8 layers, 1–16 neurons per layer.",
  "editor.inputs": "Inputs",
  "editor.selectNeuron": "Edit {name}",

  // ---------- number fields
  "number.empty": "Enter a number, e.g. 0.5.",
  "number.nan": "“{text}” is not a number. Enter e.g. 0.5 or −2.",
  "number.range": "Enter a number from {min} to {max}.",
  "number.apply": "Set",

  // ---------- the neuron inspector
  "inspector.title": "Neuron inspector",
  "inspector.none": "Select a neuron to see how it computes its output.",
  "inspector.neuron": "Neuron {name}",
  "inspector.sum": "Weighted sum z",
  "inspector.function": "Activation f",
  "inspector.activation.inherited": "{f}, the layer's activation",
  "inspector.activation.own": "{f}, its own activation",
  "inspector.output": "Output",
  "inspector.goesTo": "Where its output goes",
  "inspector.goesTo.text":
    "{name} sends its output {output} (not its inputs) to every neuron of the next layer, each with its own weight:",
  "inspector.goesTo.term": "to {target}",
  "inspector.isOutput": "{name} is an output neuron: {output} is the network's output.",
  "inspector.plot": "Plot of {f}(z) for z from {lo} to {hi}; the current point is z = {z}, {f}(z) = {a}.",
  "inspector.input": "Input {name}",
  "inspector.input.text": "{name} = {value} goes to every neuron of the first layer, each with its own weight:",
  "inspector.edge": "This connection adds {term} to {to}'s weighted sum.",
  "inspector.pending": "Computing…",

  // ---------- panels written elsewhere
  "panel.heatmaps": "Heatmaps",
  "panel.collapse": "Linear collapse",
} as const;

export type MessageKey = keyof typeof en;
/** A dictionary: a text for every key of the English one. */
export type Messages = { readonly [K in MessageKey]: string };
