/* att-demo-names.c: the word lists the demo school is made from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names are common given names and family names of the communities found
 * in English schools; every pupil, parent and address made from them is
 * an invented combination.
 */
#include "config.h"

#include "att-demo-private.h"

#define LIST(name) name, G_N_ELEMENTS (name)

static const char * const english_boys[] = {
  "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Oscar",
  "Charlie", "Jacob", "Thomas", "Henry", "William", "Alfie", "Joshua",
  "Freddie", "Archie", "Theo", "Isaac", "Samuel", "Joseph", "Daniel", "Max",
  "Lucas", "Ethan", "Logan", "Mason", "Finley", "Reuben", "Dylan", "Toby",
  "Callum", "Lewis", "Ryan", "Sebastian", "Edward", "Albie", "Jude", "Rory",
  "Owen", "Connor", "Ellis",
};

static const char * const english_girls[] = {
  "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella",
  "Rosie", "Sophia", "Grace", "Freya", "Evie", "Poppy", "Ella", "Florence",
  "Willow", "Daisy", "Phoebe", "Sienna", "Matilda", "Ruby", "Chloe", "Emily",
  "Jessica", "Hannah", "Millie", "Harriet", "Erin", "Megan", "Katie",
  "Abigail", "Holly", "Lucy", "Alice", "Niamh", "Maisie", "Eleanor",
  "Bethany", "Imogen",
};

static const char * const english_surnames[] = {
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
  "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White",
  "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Harris", "Lewis",
  "Turner", "Hill", "Moore", "Cooper", "Ward", "Morris", "King", "Baker",
  "Harrison", "Morgan", "Hughes", "Edwards", "Parker", "Bennett", "Shaw",
  "Holmes", "Fletcher", "Marshall", "Ellis", "Chapman", "Barker", "Hudson",
  "Pearson", "Dixon", "Fox", "Lloyd", "Barnes", "Gibson", "Hunt", "Price",
  "Webb", "Kelly", "O'Brien", "Murphy", "Sullivan", "MacDonald", "Fraser",
  "Ashworth", "Whitaker", "Sutcliffe", "Brennan", "Lockwood", "Hargreaves",
  "Pickering",
};

static const char * const caribbean_boys[] = {
  "Jaden", "Tyrese", "Kai", "Malachi", "Elijah", "Jordan", "Andre", "Marcus",
  "Kyron", "Dwayne", "Isaiah", "Nathaniel", "Jermaine", "Kareem", "Tyrone",
  "Darnell", "Leon", "Kemar",
};

static const char * const caribbean_girls[] = {
  "Aaliyah", "Jada", "Imani", "Kiara", "Tiana", "Shanice", "Nia", "Zuri",
  "Destiny", "Keisha", "Tia", "Jasmine", "Chantelle", "Naomi", "Simone",
  "Leah", "Makeda", "Amara",
};

static const char * const caribbean_surnames[] = {
  "Campbell", "Francis", "Grant", "Henry", "Reid", "Richards", "Gayle",
  "McKenzie", "Forbes", "Beckford", "Samuels", "Clarke-Bailey", "Brown",
  "Williams", "Thomas", "Bailey", "Morgan", "Bennett", "Lewis", "Powell",
};

static const char * const south_asian_boys[] = {
  "Muhammad", "Ayaan", "Zain", "Ibrahim", "Yusuf", "Arjun", "Rohan", "Aarav",
  "Hamza", "Ali", "Omar", "Vihaan", "Krish", "Rayyan", "Ishaan", "Haris",
  "Zayan", "Dev", "Kabir", "Arham",
};

static const char * const south_asian_girls[] = {
  "Aisha", "Maryam", "Zara", "Fatima", "Inaya", "Priya", "Anaya", "Saanvi",
  "Hafsa", "Amira", "Noor", "Diya", "Aleena", "Sana", "Riya", "Eshal",
  "Khadija", "Simran", "Anika", "Ruqayyah",
};

static const char * const south_asian_surnames[] = {
  "Khan", "Ahmed", "Hussain", "Ali", "Patel", "Begum", "Rahman", "Iqbal",
  "Shah", "Sharma", "Singh", "Kaur", "Chaudhry", "Akhtar", "Mahmood",
  "Islam", "Miah", "Uddin", "Gupta", "Mistry", "Bibi", "Sandhu", "Qureshi",
  "Nawaz",
};

static const char * const polish_boys[] = {
  "Jakub", "Szymon", "Filip", "Kacper", "Mikołaj", "Antoni", "Wojciech",
  "Bartosz", "Oskar", "Igor", "Jan", "Franciszek", "Aleksander", "Stanisław",
  "Tymon", "Adam", "Michał", "Dawid",
};

static const char * const polish_girls[] = {
  "Zofia", "Zuzanna", "Hanna", "Julia", "Maja", "Lena", "Alicja", "Wiktoria",
  "Oliwia", "Natalia", "Maria", "Amelia", "Laura", "Pola", "Antonina",
  "Emilia", "Gabriela", "Kinga",
};

static const char * const polish_surnames[] = {
  "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski",
  "Zieliński", "Szymański", "Dąbrowski", "Kozłowski", "Mazur", "Krawczyk",
  "Wojciechowski", "Kwiatkowski", "Kaczmarek", "Piotrowski", "Grabowski",
  "Jabłoński", "Pawlak", "Michalski",
};

static const char * const nigerian_boys[] = {
  "Chidi", "Emeka", "Tobi", "Oluwaseun", "Tunde", "Ifeanyi", "Femi",
  "Kelechi", "Ayomide", "Chinedu", "Chukwuemeka", "Olumide", "Babatunde",
  "Obinna", "Adebayo", "Somto", "Damilare", "Nnamdi",
};

static const char * const nigerian_girls[] = {
  "Adaeze", "Chiamaka", "Ngozi", "Funmilayo", "Temi", "Oluwadamilola",
  "Blessing", "Precious", "Ifeoma", "Moyinoluwa", "Chioma", "Folake",
  "Adaora", "Zainab", "Simisola", "Ebele", "Yetunde", "Amarachi",
};

static const char * const nigerian_surnames[] = {
  "Okafor", "Adeyemi", "Okoro", "Balogun", "Eze", "Nwosu", "Adebayo",
  "Ogunleye", "Chukwu", "Afolabi", "Oyelaran", "Obi", "Okonkwo", "Olawale",
  "Eze-Obi", "Ogunbiyi", "Nwachukwu", "Bello", "Adeleke", "Onyekachi",
};

static const char * const somali_boys[] = {
  "Abdi", "Mohamed", "Abdirahman", "Liban", "Guled", "Yasin", "Mustafe",
  "Hamse", "Ahmed", "Ismail", "Abdullahi", "Hassan", "Khalid", "Said",
  "Bilal", "Anwar",
};

static const char * const somali_girls[] = {
  "Hodan", "Ayan", "Hibaq", "Sagal", "Nasra", "Ifrah", "Sahra", "Deeqa",
  "Hawa", "Amina", "Fadumo", "Ubah", "Asha", "Ikran", "Sumaya", "Najma",
};

static const char * const somali_surnames[] = {
  "Abdi", "Hassan", "Warsame", "Farah", "Mohamud", "Osman", "Jama", "Nur",
  "Egal", "Duale", "Ali", "Omar", "Ahmed", "Yusuf", "Aden", "Hussein",
  "Ismail", "Abdullahi", "Mohamed", "Ibrahim",
};

static const char * const chinese_boys[] = {
  "Wei", "Hao", "Jun", "Ming", "Zihan", "Yichen", "Kai Ming", "Jiahao",
  "Haoran", "Yuxuan", "Zhiwei", "Tian", "Chun", "Bo", "Rui", "Jian",
};

static const char * const chinese_girls[] = {
  "Mei", "Xinyi", "Yu", "Lin", "Jia", "Ruoxi", "Yutong", "Zixuan", "Xiaomei",
  "Huiying", "Ying", "Shu", "Qing", "Wen", "Yan", "Ling",
};

static const char * const chinese_surnames[] = {
  "Chen", "Wang", "Li", "Zhang", "Liu", "Huang", "Wong", "Cheung", "Lam",
  "Zhou", "Wu", "Xu", "Sun", "Ma", "Zhao", "Ng", "Ho", "Yeung",
};

static const char * const turkish_boys[] = {
  "Emre", "Mehmet", "Eren", "Kerem", "Burak", "Ömer", "Arda", "Kaan",
  "Yusuf", "Ali", "Efe", "Mustafa", "Can", "Berk", "Deniz", "Umut",
};

static const char * const turkish_girls[] = {
  "Elif", "Zeynep", "Defne", "Ecem", "Ayşe", "Merve", "Ebru", "Duru",
  "Zehra", "Eylül", "Nehir", "Asya", "Elif Naz", "Ela", "Irmak", "Selin",
};

static const char * const turkish_surnames[] = {
  "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın", "Öztürk", "Arslan",
  "Doğan", "Koç", "Yıldız", "Özdemir", "Kılıç", "Aslan", "Çetin", "Kara",
  "Polat", "Erdoğan",
};

static const char * const romanian_boys[] = {
  "Andrei", "Ionuț", "Mihai", "Alexandru", "Ștefan", "Luca", "Darius",
  "Matei", "David", "Gabriel", "Rareș", "Tudor", "Vlad", "Cristian",
  "Bogdan", "Sebastian",
};

static const char * const romanian_girls[] = {
  "Ioana", "Maria", "Elena", "Andreea", "Bianca", "Ana", "Daria", "Ilinca",
  "Sofia", "Alexandra", "Ana-Maria", "Gabriela", "Irina", "Teodora", "Sara",
};

static const char * const romanian_surnames[] = {
  "Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Constantin", "Georgescu",
  "Munteanu", "Rusu", "Lungu", "Stoica", "Matei", "Ciobanu", "Ene",
  "Moldovan", "Florea", "Radu", "Nistor",
};

static const char * const ukrainian_boys[] = {
  "Oleksandr", "Maksym", "Artem", "Bohdan", "Dmytro", "Nazar", "Ivan",
  "Mykola", "Andrii", "Taras", "Yurii", "Denys",
};

static const char * const ukrainian_girls[] = {
  "Sofiia", "Anastasiia", "Daryna", "Polina", "Yeva", "Viktoriia", "Mariia",
  "Kateryna", "Oleksandra", "Zlata", "Vira", "Solomiia",
};

static const char * const ukrainian_surnames[] = {
  "Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk",
  "Kravchenko", "Oliinyk", "Boiko", "Kovalchuk", "Marchenko", "Lysenko",
  "Rudenko", "Savchenko", "Petrenko",
};

static const char * const portuguese_boys[] = {
  "Tiago", "Rodrigo", "Gonçalo", "Duarte", "Afonso", "Martim", "João",
  "Francisco", "Santiago", "Tomás", "Miguel", "Diogo",
};

static const char * const portuguese_girls[] = {
  "Beatriz", "Leonor", "Inês", "Matilde", "Carolina", "Mariana", "Maria",
  "Alice", "Sofia", "Francisca", "Lara", "Madalena",
};

static const char * const portuguese_surnames[] = {
  "Silva", "Santos", "Ferreira", "Pereira", "Costa", "Rodrigues", "Almeida",
  "Sousa", "Oliveira", "Martins", "Gomes", "Lopes", "Marques", "Carvalho",
  "Ribeiro", "Fernandes",
};

static const AttDemoCulture cultures[] = {
  { "english", 600, 1, LIST (english_boys), LIST (english_girls), LIST (english_surnames) },
  { "caribbean", 45, 2, LIST (caribbean_boys), LIST (caribbean_girls), LIST (caribbean_surnames) },
  { "south-asian", 130, 45, LIST (south_asian_boys), LIST (south_asian_girls), LIST (south_asian_surnames) },
  { "polish", 50, 85, LIST (polish_boys), LIST (polish_girls), LIST (polish_surnames) },
  { "nigerian", 45, 25, LIST (nigerian_boys), LIST (nigerian_girls), LIST (nigerian_surnames) },
  { "somali", 25, 85, LIST (somali_boys), LIST (somali_girls), LIST (somali_surnames) },
  { "chinese", 20, 75, LIST (chinese_boys), LIST (chinese_girls), LIST (chinese_surnames) },
  { "turkish", 20, 85, LIST (turkish_boys), LIST (turkish_girls), LIST (turkish_surnames) },
  { "romanian", 30, 90, LIST (romanian_boys), LIST (romanian_girls), LIST (romanian_surnames) },
  { "ukrainian", 15, 95, LIST (ukrainian_boys), LIST (ukrainian_girls), LIST (ukrainian_surnames) },
  { "portuguese", 20, 85, LIST (portuguese_boys), LIST (portuguese_girls), LIST (portuguese_surnames) },
};

const AttDemoCulture *
att_demo_cultures (guint *n_cultures)
{
  *n_cultures = G_N_ELEMENTS (cultures);
  return cultures;
}

static const char * const streets[] = {
  "Brook Lane", "Mill Road", "Church Street", "Station Road",
  "Victoria Road", "Albert Terrace", "Meadow Close", "Willow Way",
  "Orchard Drive", "Chapel Street", "Park Avenue", "Queens Road",
  "Weavers Row", "Canal Side", "Foundry Street", "Beech Grove",
  "Heather Close", "Kingfisher Way", "Sycamore Avenue", "Hawthorn Road",
  "Riverside Walk", "Castle View", "Tanner Street", "Nursery Lane",
  "Cotton Street", "Spinners Close", "Green Lane", "Highfield Road",
  "Primrose Hill", "Ashgrove", "Railway Cottages", "Market Street",
};

const char * const *
att_demo_streets (guint *n)
{
  *n = G_N_ELEMENTS (streets);
  return streets;
}

static const char * const districts[] = {
  "Eastfield", "Upper Millbrook", "Hollins Green", "Canal Bank", "Northmoor",
  "Old Town", "Brookside", "Westgate",
};

const char * const *
att_demo_districts (guint *n)
{
  *n = G_N_ELEMENTS (districts);
  return districts;
}

static const char * const medical_notes[] = {
  "Asthma: blue inhaler kept in the class medical bag",
  "Severe nut allergy: two adrenaline pens, one in class and one in the office",
  "Type 1 diabetes: individual healthcare plan, blood sugar checked before lunch",
  "Epilepsy: care plan in the office; call 999 if a seizure lasts over 5 minutes",
  "Eczema: own cream may be applied by the pupil",
  "Hearing impairment: sits near the front; radio aid in class",
  "Coeliac disease: gluten-free meals arranged with the kitchen",
  "Sickle cell disease: needs water bottle and extra layers; may miss sessions for clinic visits",
  "Hay fever: antihistamine kept in the office (parental consent on file)",
  "Egg allergy: antihistamine in the office",
};

const char * const *
att_demo_medical_notes (guint *n)
{
  *n = G_N_ELEMENTS (medical_notes);
  return medical_notes;
}

static const char * const trips[] = {
  "Trip to the Science and Industry Museum",
  "Visit to Millbrook Country Park", "Theatre trip: pantomime",
  "Visit to the city art gallery", "Outdoor learning day at Hollins Farm",
  "Trip to the aquarium", "Castle visit (history topic)",
  "Residential visit, outdoor centre",
};

const char * const *
att_demo_trips (guint *n)
{
  *n = G_N_ELEMENTS (trips);
  return trips;
}
