/**
 * Names for containers started without --name, in the daemon's `adjective_surname` style
 * (moby pkg/namesgenerator; a subset of its lists). Picked from the container id, so the same
 * id gets the same name, and never one that is taken.
 */
const adjectives = [
  'admiring', 'adoring', 'affectionate', 'agitated', 'amazing', 'angry', 'awesome', 'beautiful', 'blissful', 'bold',
  'boring', 'brave', 'busy', 'charming', 'clever', 'compassionate', 'competent', 'confident', 'cool', 'cranky',
  'crazy', 'dazzling', 'determined', 'distracted', 'dreamy', 'eager', 'ecstatic', 'elastic', 'elated', 'elegant',
  'eloquent', 'epic', 'exciting', 'fervent', 'festive', 'flamboyant', 'focused', 'friendly', 'frosty', 'funny',
  'gallant', 'gifted', 'goofy', 'gracious', 'great', 'happy', 'hardcore', 'heuristic', 'hopeful', 'hungry',
  'infallible', 'inspiring', 'intelligent', 'interesting', 'jolly', 'jovial', 'keen', 'kind', 'laughing', 'loving',
  'lucid', 'magical', 'modest', 'musing', 'mystifying', 'naughty', 'nervous', 'nice', 'nifty', 'nostalgic',
  'objective', 'optimistic', 'peaceful', 'pedantic', 'pensive', 'practical', 'priceless', 'quirky', 'quizzical', 'recursive',
  'relaxed', 'reverent', 'romantic', 'sad', 'serene', 'sharp', 'silly', 'sleepy', 'stoic', 'strange',
  'stupefied', 'suspicious', 'sweet', 'tender', 'thirsty', 'trusting', 'unruffled', 'upbeat', 'vibrant', 'vigilant',
  'vigorous', 'wizardly', 'wonderful', 'xenodochial', 'youthful', 'zealous', 'zen',
];

const surnames = [
  'agnesi', 'albattani', 'allen', 'almeida', 'archimedes', 'babbage', 'banach', 'bardeen', 'bartik', 'bassi',
  'bell', 'benz', 'bhabha', 'blackwell', 'bohr', 'booth', 'borg', 'bose', 'boyd', 'brattain',
  'brown', 'carson', 'cerf', 'chandrasekhar', 'chatelet', 'clarke', 'cori', 'cray', 'curie', 'darwin',
  'davinci', 'dijkstra', 'dubinsky', 'easley', 'edison', 'einstein', 'elion', 'engelbart', 'euclid', 'euler',
  'fermat', 'feynman', 'franklin', 'gagarin', 'galileo', 'gates', 'goldberg', 'goldstine', 'goldwasser', 'goodall',
  'hamilton', 'hawking', 'heisenberg', 'hermann', 'hodgkin', 'hoover', 'hopper', 'hypatia', 'jackson', 'jennings',
  'jepsen', 'johnson', 'joliot', 'jones', 'kalam', 'keldysh', 'keller', 'kepler', 'khorana', 'kilby',
  'knuth', 'lalande', 'lamarr', 'lamport', 'leakey', 'leavitt', 'lewin', 'liskov', 'lovelace', 'lumiere',
  'mayer', 'mccarthy', 'mcclintock', 'meitner', 'mendel', 'merkle', 'mirzakhani', 'montalcini', 'moore', 'morse',
  'napier', 'nash', 'neumann', 'newton', 'nightingale', 'nobel', 'noether', 'noyce', 'pascal', 'pasteur',
  'payne', 'perlman', 'pike', 'poincare', 'ptolemy', 'raman', 'ramanujan', 'ride', 'ritchie', 'roentgen',
  'rosalind', 'saha', 'sammet', 'shamir', 'shannon', 'shaw', 'shockley', 'sinoussi', 'snyder', 'spence',
  'stonebraker', 'sutherland', 'swanson', 'swartz', 'tesla', 'thompson', 'torvalds', 'turing', 'volhard', 'wescoff',
  'wiles', 'williams', 'wilson', 'wing', 'wozniak', 'wright', 'yalow', 'yonath',
];

export const generateName = (id: string, taken: ReadonlySet<string>): string => {
  const seed = Number.parseInt(id.slice(0, 8), 16);
  for (let i = 0; ; i += 1) {
    const adjective = adjectives[(seed + i * 7) % adjectives.length]!;
    const surname = surnames[(Math.floor(seed / adjectives.length) + i * 13) % surnames.length]!;
    // The daemon appends a digit after a collision (namesgenerator "retry").
    const name = i < adjectives.length ? `${adjective}_${surname}` : `${adjective}_${surname}${i % 10}`;
    // namesgenerator's one exception: Steve Wozniak is not boring.
    if (!taken.has(name) && name !== 'boring_wozniak') return name;
  }
};
