/**
 * The local list of common passwords (no network needed). PROVENANCE, stated honestly: this machine has no
 * internet access, so no breach corpus (HIBP Pwned Passwords, RockYou, SecLists) could be downloaded. The list
 * was composed by hand from well-known patterns: the roots that head every published "most common passwords"
 * ranking (password, iloveyou, qwerty, dragon, monkey, …), words people in Japan are known to choose (romaji
 * words, names, anime, places), the most common Japanese family and given names in romaji, and words of this
 * system's own context (HER-SYS, 保健所, corona, …).
 *
 * Each entry is a ROOT. The checker (`password-policy.ts`) rejects any password that is made only of these
 * roots, the context words, keyboard walks, sequences, repetitions, dates, digits and symbols, in any case and
 * with the usual character substitutions (p@ssw0rd). So `Password2024!`, `sakura-sakura-1`, `hersys12345678`
 * and `1qaz2wsx3edc4rfv` are all refused although none of them is listed literally: this covers far more than
 * the few thousand literal strings of a top-N list. A deployment can add a real corpus through
 * `config.password.extraBlocklist` (one password per entry) and should, if it may, also check the k-anonymity
 * API of Pwned Passwords (see docs/security.md).
 */
export const COMMON_PASSWORD_ROOTS: readonly string[] = [
  // The roots of the international top lists.
  'password', 'passwort', 'passw', 'passwd', 'pass', 'pwd', 'admin', 'administrator', 'root', 'login', 'welcome',
  'letmein', 'iloveyou', 'loveyou', 'love', 'lovely', 'qwerty', 'azerty', 'qwertz', 'dragon', 'monkey', 'master',
  'shadow', 'sunshine', 'princess', 'football', 'baseball', 'basketball', 'soccer', 'hockey', 'superman',
  'batman', 'spiderman', 'starwars', 'pokemon', 'charlie', 'michael', 'jennifer', 'jessica', 'ashley', 'daniel',
  'thomas', 'robert', 'jordan', 'hunter', 'ranger', 'buster', 'tigger', 'ginger', 'pepper', 'cookie', 'cheese',
  'chocolate', 'butterfly', 'flower', 'summer', 'winter', 'spring', 'autumn', 'freedom', 'whatever', 'trustno',
  'trustnoone', 'secret', 'mustang', 'harley', 'ferrari', 'porsche', 'mercedes', 'corvette', 'jaguar', 'yankees',
  'lakers', 'arsenal', 'chelsea', 'liverpool', 'barcelona', 'matrix', 'computer', 'internet', 'access', 'change',
  'changeme', 'default', 'guest', 'test', 'tester', 'testing', 'demo', 'sample', 'example', 'user', 'username',
  'hello', 'helloworld', 'world', 'angel', 'angels', 'baby', 'babygirl', 'family', 'friends', 'forever',
  'blessed', 'jesus', 'christ', 'god', 'heaven', 'hello123', 'killer', 'hottie', 'sexy', 'naughty', 'lover',
  'mother', 'father', 'sister', 'brother', 'daddy', 'mommy', 'happy', 'smile', 'lucky', 'magic', 'killer',
  'silver', 'golden', 'orange', 'purple', 'yellow', 'banana', 'apple', 'cherry', 'peanut', 'coffee', 'sugar',
  'honey', 'money', 'dollar', 'million', 'diamond', 'crystal', 'rainbow', 'thunder', 'lightning', 'phoenix',
  'tiger', 'lion', 'eagle', 'falcon', 'wolf', 'bear', 'panda', 'kitty', 'kitten', 'puppy', 'doggy', 'horse',
  'dolphin', 'penguin', 'rabbit', 'turtle', 'snoopy', 'mickey', 'minnie', 'disney', 'hellokitty', 'barbie',
  'naruto', 'ninja', 'samurai', 'shogun', 'warrior', 'legend', 'zombie', 'ghost', 'soldier', 'captain',
  'pirate', 'viking', 'knight', 'wizard', 'merlin', 'gandalf', 'frodo', 'hobbit', 'matrix', 'neo', 'trinity',
  'zaq', 'zaqwsx', 'zaq1', 'xsw2', 'asdf', 'asdfgh', 'asdfghjkl', 'zxcvbn', 'zxcvbnm', 'qazwsx', 'qwer', 'qwert',
  'qwertyuiop', 'poiuytrewq', 'lkjhgfdsa', 'mnbvcxz', 'abc', 'abcd', 'abcdef', 'abcdefg', 'abcdefgh', 'aaa',
  'secure', 'security', 'private', 'public', 'system', 'server', 'network', 'office', 'company', 'business',
  'manager', 'staff', 'member', 'account', 'support', 'service', 'online', 'mobile', 'phone', 'iphone', 'android',
  'google', 'gmail', 'yahoo', 'hotmail', 'outlook', 'microsoft', 'windows', 'office365', 'linux', 'ubuntu',
  'apple', 'samsung', 'sony', 'nintendo', 'playstation', 'xbox', 'minecraft', 'fortnite', 'roblox', 'zelda',
  'mario', 'sonic', 'tetris', 'gamer', 'player', 'music', 'guitar', 'piano', 'rocknroll', 'metallica',
  'beatles', 'nirvana', 'elvis', 'madonna', 'britney', 'justin', 'taylor', 'beyonce', 'rihanna', 'eminem',
  'america', 'canada', 'england', 'london', 'paris', 'france', 'germany', 'berlin', 'china', 'beijing', 'korea',
  'seoul', 'newyork', 'california', 'texas', 'florida', 'hawaii', 'australia', 'sydney', 'mexico', 'brazil',
  'doctor', 'nurse', 'hospital', 'clinic', 'medical', 'medicine', 'health', 'healthcare', 'patient', 'covid',
  'corona', 'coronavirus', 'virus', 'vaccine', 'pandemic', 'mask', 'quarantine', 'infection', 'report',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'zero', 'first', 'number',
  'ilove', 'iloveu', 'loveme', 'kissme', 'fuckyou', 'fuck', 'shit', 'bitch', 'asshole', 'dick', 'pussy',
  'whynot', 'nothing', 'something', 'anything', 'everything', 'goodbye', 'good', 'goodluck', 'awesome', 'cool',
  'super', 'power', 'energy', 'victory', 'winner', 'champion', 'success', 'target', 'mission', 'project',
  'alpha', 'beta', 'gamma', 'delta', 'omega', 'sigma', 'alex', 'andrew', 'anthony', 'ben', 'chris', 'david',
  'james', 'john', 'joseph', 'kevin', 'mark', 'matthew', 'nicole', 'paul', 'peter', 'richard', 'sarah',
  'steven', 'william', 'emily', 'hannah', 'elizabeth', 'maria', 'anna', 'sophie', 'lisa', 'laura', 'amanda',
  'monica', 'natasha', 'samantha', 'victoria', 'charlotte', 'oliver', 'harry', 'potter', 'hermione',
  // Japan: words, places, culture, as people choose them in romaji.
  'nihon', 'nippon', 'japan', 'japanese', 'tokyo', 'osaka', 'kyoto', 'yokohama', 'nagoya', 'sapporo', 'fukuoka',
  'kobe', 'sendai', 'hiroshima', 'okinawa', 'hokkaido', 'kanagawa', 'chiba', 'saitama', 'shibuya', 'shinjuku',
  'minato', 'chiyoda', 'akihabara', 'ginza', 'fuji', 'fujisan', 'sakura', 'momiji', 'hanabi', 'matsuri',
  'arigato', 'arigatou', 'daisuki', 'aishiteru', 'suki', 'kawaii', 'ohayo', 'ohayou', 'konnichiwa', 'konbanwa',
  'sayonara', 'yoroshiku', 'ganbare', 'ganbatte', 'gambatte', 'kokoro', 'yume', 'hikari', 'sora', 'umi', 'hoshi',
  'tsuki', 'taiyou', 'kaze', 'yuki', 'hana', 'neko', 'inu', 'usagi', 'kuma', 'tora', 'ryuu', 'doragon',
  'pokemon', 'pikachu', 'doraemon', 'totoro', 'ghibli', 'anpanman', 'gundam', 'evangelion', 'onepiece',
  'luffy', 'goku', 'dragonball', 'sailormoon', 'conan', 'detective', 'kitty', 'rilakkuma', 'kumamon',
  'sushi', 'ramen', 'tempura', 'sake', 'matcha', 'mochi', 'onigiri', 'bento', 'tamago', 'gohan', 'natto',
  'baka', 'aho', 'kami', 'kamisama', 'tenshi', 'akuma', 'oni', 'ninja', 'shinobi', 'bushido', 'katana',
  'giants', 'tigers', 'hanshin', 'yomiuri', 'carp', 'hawks', 'swallows', 'marines', 'fighters', 'baystars',
  'yamato', 'heisei', 'reiwa', 'showa', 'taisho', 'meiji', 'wareki', 'nengo', 'gantan', 'shogatsu',
  // The most common Japanese family names (romaji, Hepburn and common variants).
  'sato', 'satou', 'suzuki', 'takahashi', 'tanaka', 'watanabe', 'ito', 'itou', 'yamamoto', 'nakamura',
  'kobayashi', 'kato', 'katou', 'yoshida', 'yamada', 'sasaki', 'yamaguchi', 'matsumoto', 'inoue', 'kimura',
  'hayashi', 'saito', 'saitou', 'shimizu', 'yamazaki', 'mori', 'abe', 'ikeda', 'hashimoto', 'yamashita',
  'ishikawa', 'nakajima', 'maeda', 'fujita', 'ogawa', 'goto', 'gotou', 'okada', 'hasegawa', 'murakami',
  'kondo', 'kondou', 'ishii', 'sakamoto', 'endo', 'endou', 'aoki', 'fujii', 'nishimura', 'fukuda', 'ota',
  'oota', 'miura', 'fujiwara', 'okamoto', 'matsuda', 'nakagawa', 'nakano', 'harada', 'ono', 'oono', 'tamura',
  'takeuchi', 'kaneko', 'wada', 'nakayama', 'ishida', 'ueda', 'morita', 'hara', 'shibata', 'sakai', 'kudo',
  'yokoyama', 'miyazaki', 'miyamoto', 'uchida', 'takagi', 'ando', 'taniguchi', 'ohno', 'maruyama', 'imai',
  'takada', 'fujimoto', 'takeda', 'murata', 'ueno', 'sugiyama', 'masuda', 'sugawara', 'hirano', 'otsuka',
  'kojima', 'chiba', 'kubo', 'matsui', 'iwasaki', 'sakurai', 'kinoshita', 'noguchi', 'matsuo', 'kikuchi',
  'nomura', 'arai', 'watanabe', 'kono', 'kouno', 'yamamoto', 'sasaki', 'kobayashi',
  // The most common Japanese given names (romaji).
  'hiroshi', 'takashi', 'makoto', 'kenji', 'akira', 'takeshi', 'satoshi', 'daisuke', 'yuki', 'yuuki', 'yuta',
  'yuuta', 'shota', 'shouta', 'kenta', 'haruto', 'sota', 'souta', 'ren', 'riku', 'hinata', 'minato', 'yamato',
  'kazuo', 'ichiro', 'jiro', 'taro', 'tarou', 'hanako', 'yoko', 'youko', 'keiko', 'kyoko', 'tomoko', 'yumiko',
  'akiko', 'naoko', 'yuko', 'yuuko', 'michiko', 'sachiko', 'kazuko', 'emi', 'yui', 'aoi', 'sakura', 'yuna',
  'mio', 'rin', 'hina', 'mei', 'saki', 'misaki', 'ayaka', 'haruka', 'nanami', 'kana', 'mai', 'ai', 'yuka',
  'megumi', 'ayumi', 'mayumi', 'kaori', 'naomi', 'rie', 'rika', 'erika', 'miho', 'maki', 'nao', 'kei', 'jun',
  'shin', 'hiro', 'kazu', 'masa', 'toshi', 'yoshi', 'tomo', 'taka', 'nobu', 'kou', 'ryo', 'ryou', 'sho', 'shou',
  // Words of this system's context (also applied as context words).
  'hersys', 'her-sys', 'hersys2', 'hokenjo', 'hokensho', 'hokensyo', 'hokenjyo', 'kenkou', 'kenko', 'iryou',
  'iryo', 'iryoukikan', 'byouin', 'byoin', 'shinryoujo', 'kurinikku', 'kansen', 'kansensho', 'kansenshou',
  'kansensha', 'hasseitodoke', 'hassei', 'todoke', 'korona', 'koronauirusu', 'shingata', 'shingatakorona',
  'kouroushou', 'koroshou', 'mhlw', 'kourou', 'todofuken', 'ken', 'shi', 'ku', 'cho', 'mura', 'kango',
  'kangoshi', 'ishi', 'isha', 'sensei', 'kanja', 'yousei', 'inkan', 'pcr', 'kensa', 'sms', 'cov19',
  'sign', 'signin', 'signon', 'logon', 'logout', 'pw', 'pwd', 'pass', 'passcode', 'pin', 'code', 'key',
];

/**
 * Context words: always refused as the substance of a password (ASVS 2.1.7 / NIST 5.1.1.2 "context-specific
 * words"). The facility's name and the login ID are added per account by the checker.
 */
export const CONTEXT_WORDS: readonly string[] = [
  'HER-SYS', 'HERSYS', 'hersys', 'her sys', '保健所', 'ほけんじょ', 'ホケンジョ', '厚生労働省', '厚労省',
  '新型コロナ', 'コロナ', 'ころな', 'コロナウイルス', '感染症', '感染者', '発生届', '医療機関', '病院', 'クリニック',
  '診療所', 'パスワード', 'ぱすわーど', 'password', 'サインイン', 'ログイン', '東京都', '都道府県', 'mhlw',
  'covid', 'covid19', 'covid-19', 'corona', 'cov19',
];
